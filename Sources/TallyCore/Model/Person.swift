/// Someone in the organisation: the consumer of `user` licenses and the user of devices.
public struct Person: Hashable, Sendable, Identifiable {
    public typealias ID = Identifier<Person>

    public var id: ID
    public var name: String?
    /// The name license servers report for this person; usage sessions match it before the id.
    public var login: String?
    public var email: String?
    public var department: Department.ID?
    /// People who left take no part in the position.
    public var active: Bool
    /// The first day this person no longer counts; where set it decides, whatever `active` says.
    public var retired: Day?

    /// Creates the record; what is not given takes the estate format\'s default.
    public init(
        id: ID, name: String? = nil, login: String? = nil, email: String? = nil,
        department: Department.ID? = nil, active: Bool = true, retired: Day? = nil
    ) {
        self.id = id
        self.name = name
        self.login = login
        self.email = email
        self.department = department
        self.active = active
        self.retired = retired
    }

    /// Whether the person counts on `day`: before `retired` where it is set, else while `active`.
    public func counts(on day: Day) -> Bool {
        retired.map { day < $0 } ?? active
    }
}
