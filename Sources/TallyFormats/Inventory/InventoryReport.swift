import TallyCore

/// What one inventory file says: devices, each with the raw software seen on it, and the rows left out.
///
/// Nothing here is normalised yet: names, versions and publishers are as the source wrote them, so that a later
/// catalog can recognise products and the raw text stays available to show why.
public struct InventoryReport: Sendable, Equatable {
    /// The devices, in the order the file first names them.
    public var devices: [InventoryDevice]
    /// Rows left out by design (an update, a system component, another query's rows), each with where it is in
    /// the file and why.
    public var skipped: [InventoryWarning]
    /// Rows that cannot be read as they are (no name, a value that is not what its column holds): left out of
    /// `devices`, and an import refuses the file unless told to skip them.
    public var invalid: [InventoryWarning]

    /// A report from its parts.
    public init(
        devices: [InventoryDevice] = [], skipped: [InventoryWarning] = [], invalid: [InventoryWarning] = []
    ) {
        self.devices = devices
        self.skipped = skipped
        self.invalid = invalid
    }
}

extension InventoryReport {
    /// Leaves out hardware figures beyond what a machine can have (`Limits`), each an invalid value of its device:
    /// a hostile or damaged file must not reach the position as ten million cores.
    mutating func checkHardware(location: (Int) -> String) {
        for index in devices.indices {
            let name = devices[index].name.map { "\"\($0)\"" } ?? "the device"
            for (what, value, limit, clear) in [
                ("processors", devices[index].processors, Limits.processors, \InventoryDevice.processors),
                (
                    "cores per processor", devices[index].coresPerProcessor, Limits.coresPerProcessor,
                    \InventoryDevice.coresPerProcessor
                ),
                ("vcpus", devices[index].vcpus, Limits.vcpus, \InventoryDevice.vcpus),
            ] {
                guard let value, !(1...limit).contains(value) else { continue }
                devices[index][keyPath: clear] = nil
                invalid.append(
                    .init(location: location(index), reason: "\(name) has \(value) \(what); expected 1 to \(limit)"))
            }
        }
    }
}

/// One device as an inventory file describes it, with the software seen on it.
public struct InventoryDevice: Sendable, Equatable {
    /// The host name as reported (may be a fully qualified name); nil where the file does not say.
    public var name: String?
    /// The serial number of the machine.
    public var serial: String?
    /// The hardware or system UUID, where the source has one.
    public var uuid: String?
    /// The operating system as the source names it (`Fedora 31 (Workstation Edition)`).
    public var os: String?
    /// Virtual or physical, where the source says.
    public var kind: Device.Kind?
    /// The name of the hypervisor host a virtual machine runs on, where known.
    public var host: String?
    /// Processor sockets.
    public var processors: Int?
    /// Cores in each processor.
    public var coresPerProcessor: Int?
    /// Virtual processors of a virtual machine.
    public var vcpus: Int?
    /// The processor model (`Intel(R) Core(TM) i7-6560U CPU @ 2.20GHz`).
    public var processorModel: String?
    /// The user who last logged on, as the source writes it.
    public var lastUser: String?
    /// When the inventory was taken, where the file says.
    public var seenAt: Instant?
    /// The software seen on the device, in file order.
    public var software: [RawSoftware]

    /// A device from its parts; what is not given is unknown.
    public init(
        name: String? = nil, serial: String? = nil, uuid: String? = nil, os: String? = nil, kind: Device.Kind? = nil,
        host: String? = nil, processors: Int? = nil, coresPerProcessor: Int? = nil, vcpus: Int? = nil,
        processorModel: String? = nil, lastUser: String? = nil, seenAt: Instant? = nil, software: [RawSoftware] = []
    ) {
        self.name = name
        self.serial = serial
        self.uuid = uuid
        self.os = os
        self.kind = kind
        self.host = host
        self.processors = processors
        self.coresPerProcessor = coresPerProcessor
        self.vcpus = vcpus
        self.processorModel = processorModel
        self.lastUser = lastUser
        self.seenAt = seenAt
        self.software = software
    }
}

/// One piece of software as an inventory source reports it, before any catalog has recognised it.
public struct RawSoftware: Hashable, Sendable {
    /// The publisher as written (`Microsoft Corporation`, `Fedora Project`).
    public var publisher: String?
    /// The name as written (`Microsoft Visio Professional 2016`, `gnome-calculator`).
    public var name: String
    /// The version as written (`16.0.4266.1001`, `3.34.1-1.fc31`).
    public var version: String?
    /// The day it was installed, where the source says.
    public var installed: Day?
    /// Where in the source it was seen: `programs`, `deb_packages`, `rpm_packages`, `apps`, `glpi`, `winreg`,
    /// `swid`, `csv`, or the name of a spreadsheet preset.
    public var origin: String
    /// True for an entry Windows hides from Programs and Features (`SystemComponent=1`): usually a part of a
    /// product listed under another name, sometimes the part that tells editions apart.
    public var systemComponent: Bool

    /// Software from its parts.
    public init(
        publisher: String? = nil, name: String, version: String? = nil, installed: Day? = nil, origin: String,
        systemComponent: Bool = false
    ) {
        self.publisher = publisher
        self.name = name
        self.version = version
        self.installed = installed
        self.origin = origin
        self.systemComponent = systemComponent
    }
}

/// A row of an inventory file that was left out: where it is and why.
public struct InventoryWarning: Sendable, Equatable, CustomStringConvertible {
    /// Where the row is: `line 12`, or a path such as `content.softwares[3]`.
    public var location: String
    /// Why it was left out, in plain words.
    public var reason: String

    /// A warning from its parts.
    public init(location: String, reason: String) {
        self.location = location
        self.reason = reason
    }

    public var description: String { "\(location): \(reason)" }
}
