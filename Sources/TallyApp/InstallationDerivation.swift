import TallyCore
import TallyStore

/// Installations derived from inventory evidence: one per device, product and clean version (source
/// `inventory:glpi+osquery`, the sources that saw it), installed on the earliest day any sighting says (where none
/// says, the day it was first seen: the store did not hold it before), seen last on the latest, and removed on the
/// latest day a sighting was removed where every sighting of it was.
enum InstallationDerivation {
    static func derive(_ evidence: [Evidence]) -> [DerivedInstallation] {
        let ordered = evidence.sorted()
        var derived: [DerivedInstallation] = []
        var start = 0
        while start < ordered.count {
            var end = start + 1
            while end < ordered.count, ordered[end].sameInstallation(as: ordered[start]) { end += 1 }
            let group = ordered[start..<end]
            var sources: [String] = []
            for item in group where sources.last != item.source { sources.append(item.source) }
            let first = ordered[start]
            let firstSeen = group.map(\.firstSeen).min() ?? first.firstSeen
            let removed = group.contains { $0.removed == nil } ? nil : group.compactMap(\.removed).max()
            // An install day a clock put after the removal is not believed beyond it.
            let installed = [group.compactMap(\.installed).min() ?? firstSeen, removed].compactMap { $0 }.min()
            let installation = Installation(
                device: first.device, product: first.product, version: first.version.map(Version.init),
                installed: installed, removed: removed, lastSeen: group.map(\.lastSeen).max(),
                source: "inventory:" + sources.joined(separator: "+"))
            derived.append(DerivedInstallation(installation: installation, firstSeen: firstSeen))
            start = end
        }
        return derived
    }
}
