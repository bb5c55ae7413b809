/// What Windows counts as a product of its own in Programs and Features, shared by the readers of registry
/// exports and of agents that copy the registry (GLPI).
enum ProgramsAndFeatures {
    /// Release types that mark an update to a product rather than a product.
    static let updateReleaseTypes: Set<String> = [
        "update", "hotfix", "security update", "service pack", "update rollup", "critical update",
    ]

    /// Whether an entry's `ReleaseType` marks it as an update.
    static func isUpdate(releaseType: String?) -> Bool {
        guard let releaseType else { return false }
        return updateReleaseTypes.contains(InventoryText.trimmed(releaseType).lowercased())
    }

    /// Why an entry hidden from Programs and Features was left out.
    static func hiddenReason(_ name: String) -> String {
        "\"\(name)\" is a system component (hidden from Programs and Features), not a product of its own"
    }
}
