import TallyCore
import TallyFormats

/// The devices of an inventory report matched to the estate's: by serial, else short host name (`DeviceMatcher`);
/// new ones added, the details of known ones updated with what the source reports (what it does not report is
/// kept), VMs given their known physical host, and last users made the device's user where a person has that login.
struct DeviceRecognition {
    /// Each device's id with the software it was seen with, in the report's order.
    var software: [(device: Device.ID, software: [RawSoftware])] = []
    var added: Set<Device.ID> = []
    var updated: Set<Device.ID> = []

    /// Recognises `reported` in `estate`, whose devices it adds and updates.
    init(_ reported: [InventoryDevice], in estate: inout Estate, day: Day) throws(TallyError) {
        var matcher = DeviceMatcher(devices: estate.devices)
        var index = [Device.ID: Int](uniqueKeysWithValues: estate.devices.enumerated().map { ($1.id, $0) })
        var people: [String: Person.ID] = [:]
        for person in estate.people where person.active {
            people[person.id.rawValue.lowercased()] = people[person.id.rawValue.lowercased()] ?? person.id
            if let login = person.login?.lowercased() { people[login] = person.id }
        }
        var order: [Device.ID: Int] = [:]
        var original: [Device.ID: Device] = [:]
        for (position, device) in reported.enumerated() {
            guard device.name?.isEmpty == false || DeviceMatcher.meaningfulSerial(device.serial) != nil else {
                throw .invalid(
                    path: "", reason: "device \(position + 1) of the file has neither a name nor a serial number")
            }
            let id: Device.ID
            if let known = matcher.match(serial: device.serial, name: device.name) {
                id = known
            } else {
                id = matcher.newID(name: device.name, serial: device.serial)
                estate.devices.append(Device(id: id, hostname: device.name, lastSeen: nil))
                index[id] = estate.devices.count - 1
                added.insert(id)
            }
            let at = index[id] ?? 0
            let before = estate.devices[at]
            if !added.contains(id), original[id] == nil { original[id] = before }
            var after = before
            after.hostname = device.name ?? before.hostname
            after.serial = device.serial ?? before.serial
            after.os = device.os ?? before.os
            after.kind = device.kind ?? before.kind
            if after.kind == .physical { after.host = nil }
            after.processors = device.processors ?? before.processors
            after.coresPerProcessor = device.coresPerProcessor ?? before.coresPerProcessor
            after.vcpus = device.vcpus ?? before.vcpus
            after.processorModel = device.processorModel ?? before.processorModel
            if let user = device.lastUser.map(Self.login), let person = people[user] { after.user = person }
            let seen = device.seenAt?.day ?? day
            after.lastSeen = max(before.lastSeen ?? seen, seen)
            estate.devices[at] = after
            matcher.remember(after)
            if let slot = order[id] {
                software[slot].software += device.software
            } else {
                order[id] = software.count
                software.append((id, device.software))
            }
        }
        // Hosts once every device of the report is known: a VM may come before its host.
        for device in reported where device.kind == .virtual {
            guard let host = device.host, let hostID = matcher.match(serial: nil, name: host),
                let vm = matcher.match(serial: device.serial, name: device.name), hostID != vm,
                let hostAt = index[hostID], estate.devices[hostAt].kind == .physical, let at = index[vm]
            else { continue }
            estate.devices[at].host = hostID
        }
        for (device, before) in original where index[device].map({ estate.devices[$0] }) != before {
            updated.insert(device)
        }
    }

    /// `DOMAIN\\login` or `login@domain` as the login.
    private static func login(_ user: String) -> String {
        var name = Substring(user)
        if let slash = name.lastIndex(of: "\\") { name = name[name.index(after: slash)...] }
        if let at = name.firstIndex(of: "@") { name = name[..<at] }
        return name.lowercased()
    }
}
