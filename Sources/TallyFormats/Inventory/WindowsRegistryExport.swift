import TallyCore

/// Reads a registry export of the Windows Uninstall keys, the list behind Programs and Features:
/// `reg export HKLM\SOFTWARE\Microsoft\Windows\CurrentVersion\Uninstall file.reg` (and the same under
/// `WOW6432Node` for 32-bit programs, or under `HKEY_USERS\<SID>\Software\…` for per-user installs).
///
/// Every key directly under a key named `Uninstall` is an entry; its `DisplayName`, `DisplayVersion`, `Publisher`
/// and `InstallDate` (`YYYYMMDD`) give the software. As Windows itself does, an entry is not a product of its own
/// when it has no `DisplayName` (Windows leaves a dozen such keys, `AddressBook` or `DirectDrawEx`, in every
/// machine: they are passed over without a warning), when it has a `ParentKeyName` (it belongs to another entry),
/// or when its `ReleaseType` is `Update`, `Hotfix`, `Security Update`, `Service Pack`, `Update Rollup` or `Critical
/// Update`; these are left out, each with a warning. Entries with `SystemComponent=dword:00000001` are hidden from
/// Programs and Features: left out with a warning, or kept and marked `systemComponent` with
/// `keepSystemComponents`.
public enum WindowsRegistryExport {
    /// Parses one export. The file does not say which machine it came from: the report has one device, named
    /// `device` (nil when not given).
    public static func parse(
        _ bytes: [UInt8], device: String? = nil, keepSystemComponents: Bool = false
    )
        throws(FormatError) -> InventoryReport
    {
        let file = try RegistryFile(bytes)
        var report = InventoryReport()
        var machine = InventoryDevice(name: device)
        var entries = 0
        for key in file.keys {
            let parts = key.path.split(separator: "\\")
            guard parts.count >= 2, parts[parts.count - 2].lowercased() == "uninstall" else { continue }
            entries += 1
            let entry = String(parts[parts.count - 1])
            let location = "line \(key.line)"
            func text(_ name: String) -> String? {
                InventoryText.nonEmpty(key.values[name.lowercased()]?.text(unicode: file.unicode))
            }
            guard let name = text("DisplayName") else { continue }
            if let parent = text("ParentKeyName") {
                report.skipped.append(
                    .init(
                        location: location,
                        reason: "\"\(name)\" (\(entry)) belongs to \"\(parent)\" (ParentKeyName), not a product "
                            + "of its own"))
                continue
            }
            if let release = text("ReleaseType"), ProgramsAndFeatures.isUpdate(releaseType: release) {
                report.skipped.append(
                    .init(location: location, reason: "\"\(name)\" (\(entry)) is an update (\(release)), not a product")
                )
                continue
            }
            let hidden = key.values["systemcomponent"]?.number == 1
            if hidden && !keepSystemComponents {
                report.skipped.append(.init(location: location, reason: ProgramsAndFeatures.hiddenReason(name)))
                continue
            }
            var installed: Day?
            if let date = text("InstallDate") {
                installed = CellValue.day(date)
                if installed == nil {
                    report.invalid.append(
                        .init(
                            location: location,
                            reason: "InstallDate \"\(InventoryText.quoted(date))\" of \"\(name)\" is not a date"))
                    continue
                }
            }
            machine.software.append(
                RawSoftware(
                    publisher: text("Publisher"), name: name, version: text("DisplayVersion"), installed: installed,
                    origin: "winreg", systemComponent: hidden))
        }
        guard entries > 0 else {
            throw .line(
                number: file.keys.first?.line ?? 1,
                reason: "the export holds no key under an Uninstall key; export "
                    + "HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Uninstall itself")
        }
        report.devices = [machine]
        return report
    }
}
