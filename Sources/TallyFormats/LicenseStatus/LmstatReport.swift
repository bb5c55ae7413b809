import TallyCore

/// Reads the output of FlexNet `lmutil lmstat -a` (and `lmstat -i`) into a `LicenseStatusReport`.
public enum LmstatReport {
    /// Parses one lmstat report; `at` is when it was taken, used to infer checkout years where the report
    /// shows no date of its own.
    ///
    /// Lines it does not understand are counted in `skippedLines`, never fatal: FlexNet versions and vendors
    /// vary their wording. A file with no line that lmstat writes is an error at its first line.
    public static func parse(_ bytes: [UInt8], at: Instant? = nil) throws(FormatError) -> LicenseStatusReport {
        var reader = LmstatReader(at: at)
        let lines = StatusText.lines(TextEncoding.utf8(bytes))
        for (index, line) in lines.enumerated() {
            reader.read(line, number: index + 1)
        }
        if let problem = reader.problem { throw problem }
        guard reader.recognised else {
            let first = lines.firstIndex(where: { !StatusText.trimmed($0).isEmpty }).map { $0 + 1 } ?? 1
            throw .line(
                number: first,
                reason: "this is not lmutil lmstat output: expected a line such as "
                    + "\"Flexible License Manager status on …\", \"License server status: …\" "
                    + "or \"Users of FEATURE: …\"; "
                    + "save the output of `lmutil lmstat -a` and import that")
        }
        return reader.finish()
    }
}

/// The state of one pass over an lmstat report.
struct LmstatReader {
    private enum Section {
        case preamble, servers, daemons, features, licenseFile
    }

    private var report = LicenseStatusReport()
    private let at: Instant?
    /// The first line that makes the report unusable (a date that is none), reported once the pass ends.
    private(set) var problem: FormatError?
    private var lineNumber = 0
    private var section = Section.preamble
    /// True once a line that only lmstat writes has been seen.
    private(set) var recognised = false
    /// Host (lowercased) to `port@host`, from the `License server status:` line.
    private var serverNames: [String: String] = [:]
    private var listedServers: [String] = []
    private var currentFeature: Int?
    private var currentPool: Int?
    /// False until the current feature's first pool line has named its vendor.
    private var featureHasPool = false
    private var inNote = false
    /// The `Users of` lines read; a section whose line repeats one exactly is a repeat of it (some servers print a
    /// feature's section twice), read once.
    private var sectionsSeen: Set<Substring> = []
    private var inRepeat = false

    init(at: Instant?) {
        self.at = at
    }

    /// The report read so far.
    func finish() -> LicenseStatusReport { report }

    mutating func read(_ raw: Substring, number: Int) {
        lineNumber = number
        let line = StatusText.trimmed(raw)
        if line.isEmpty {
            inNote = false
            return
        }
        if inNote { return }
        if readHeader(line) { return }
        switch section {
        case .licenseFile:
            if readLicenseFileRow(line) { return }
        case .servers:
            if readServer(line) { return }
        case .daemons:
            if readDaemon(line) { return }
        case .preamble, .features:
            break
        }
        if readFeatureLine(line) { return }
        report.skippedLines += 1
    }

    // MARK: - Headings and the preamble

    /// Lines that open a section or carry no data; true when the line was one.
    private mutating func readHeader(_ line: Substring) -> Bool {
        if line.hasPrefix("lmutil -") || line == "lmstat" || line.hasPrefix("lmstat v") {
            recognised = true
        } else if line.hasPrefix("Flexible License Manager status on ") {
            recognised = true
            let text = line.dropFirst("Flexible License Manager status on ".count)
            if let date = reportDate(text), Limits.instants.contains(date) {
                report.reportedAt = date
            } else if at == nil, problem == nil {
                // Taking the import's time instead would date every checkout wrongly, and silently.
                problem = .line(
                    number: lineNumber,
                    reason: "\"\(StatusText.shortened(text))\" is not a date from 1970 to 2099 that Tally can read; "
                        + "correct it, or give the report's time with --at")
            }
        } else if line.hasPrefix("License server status:") {
            recognised = true
            section = .servers
            readServerList(line.dropFirst("License server status:".count))
        } else if line.hasPrefix("License file(s) on ") || line.hasPrefix("[Detecting lmgrd processes") {
            // The license file path and the discovery banner carry nothing to keep.
        } else if line.hasPrefix("Vendor daemon status") {
            recognised = true
            section = .daemons
        } else if line == "Feature usage info:" {
            recognised = true
            section = .features
        } else if line.hasPrefix("NOTE:") && line.contains("lmstat") {
            // `lmstat -i` opens with a note of three lines that ends at the blank line.
            recognised = true
            inNote = true
        } else if line.hasPrefix("Feature") && line.contains("#licenses") && line.contains("Expires") {
            recognised = true
            section = .licenseFile
        } else if line.allSatisfy({ $0 == "_" || $0 == " " || $0 == "\t" }) {
            // The underline beneath the `lmstat -i` column names.
        } else {
            return false
        }
        return true
    }

    /// Reads `Tue 5/4/2021 11:20` (the weekday is optional and not checked).
    private func reportDate(_ text: Substring) -> Instant? {
        let words = StatusText.words(text).filter { $0.contains("/") || $0.contains(":") }
        guard words.count >= 2 else { return nil }
        let date = words[0].split(separator: "/")
        guard date.count == 3, let month = StatusText.number(date[0]), let day = StatusText.number(date[1]),
            let year = StatusText.number(date[2]), let time = StatusText.timeOfDay(words[1])
        else { return nil }
        return StatusText.instant(year: year, month: month, day: day, secondOfDay: time)
    }

    // MARK: - Servers and vendor daemons

    private mutating func readServerList(_ text: Substring) {
        for entry in StatusText.trimmed(text).split(separator: ",") {
            let name = String(StatusText.trimmed(entry))
            let host = name.split(separator: "@", maxSplits: 1).last.map(String.init) ?? name
            serverNames[host.lowercased()] = name
            listedServers.append(name)
        }
    }

    /// `host: license server UP (MASTER) v11.13`, `host: Cannot connect to license server system. (…)`, or a
    /// line without a host saying that the (only) server cannot be reached.
    private mutating func readServer(_ line: Substring) -> Bool {
        if let colon = line.firstIndex(of: ":"), !line[..<colon].contains(" ") {
            let host = line[..<colon]
            let state = StatusText.trimmed(line[line.index(after: colon)...])
            let name = serverName(host)
            if state.hasPrefix("license server UP") {
                let detail = StatusText.trimmed(state.dropFirst("license server UP".count))
                let state = LicenseServerState(name: name, up: true, detail: detail.isEmpty ? nil : String(detail))
                report.servers.append(state)
                return true
            }
            if state.hasPrefix("license server") || state.contains("Cannot connect") || state.contains("down") {
                report.servers.append(LicenseServerState(name: name, up: false, detail: String(state)))
                return true
            }
            return false
        }
        if line.contains("Cannot connect to license server") || line.contains("down or not responding")
            || line.hasPrefix("Error getting status")
        {
            // lmstat names no host when it reached none: every listed server without a state is down.
            for name in listedServers where !report.servers.contains(where: { $0.name == name }) {
                report.servers.append(LicenseServerState(name: name, up: false, detail: String(line)))
            }
            return true
        }
        return false
    }

    private func serverName(_ host: Substring) -> String {
        guard let listed = serverNames[host.lowercased()] else { return String(host) }
        // Keep the host as this line prints it: Windows servers list one machine twice in different cases.
        let port = listed.split(separator: "@", maxSplits: 1)
        return port.count == 2 ? port[0] + "@" + host : String(host)
    }

    /// `vendor1: UP v11.13`, or `vendor1: The desired vendor daemon is down. …`.
    private mutating func readDaemon(_ line: Substring) -> Bool {
        guard let colon = line.firstIndex(of: ":"), !line[..<colon].contains(" ") else { return false }
        let name = String(line[..<colon])
        let state = StatusText.trimmed(line[line.index(after: colon)...])
        if state == "UP" || state.hasPrefix("UP ") {
            let detail = StatusText.trimmed(state.dropFirst(2))
            report.vendorDaemons.append(.init(name: name, up: true, detail: detail.isEmpty ? nil : String(detail)))
        } else {
            report.vendorDaemons.append(.init(name: name, up: false, detail: state.isEmpty ? nil : String(state)))
        }
        return true
    }

    // MARK: - lmstat -i

    /// `feature1   2018.12   2   31-dec-2018   vendor1`.
    private mutating func readLicenseFileRow(_ line: Substring) -> Bool {
        let words = StatusText.words(line)
        guard words.count == 5, let issued = StatusText.number(words[2]) else { return false }
        report.pools.append(
            LicensePool(
                vendor: String(words[4]), feature: String(words[0]), version: String(words[1]), issued: issued,
                inUse: nil, expires: StatusText.expiry(words[3])))
        return true
    }

    // MARK: - Feature usage

    private mutating func readFeatureLine(_ line: Substring) -> Bool {
        if line.hasPrefix("Users of ") {
            inRepeat = !sectionsSeen.insert(line).inserted
            if inRepeat {
                currentPool = nil
                currentFeature = nil
                return true
            }
            return readTotals(line)
        }
        if inRepeat { return true }
        if line.hasPrefix("\"") { return readPool(line) }
        if readReservation(line) { return true }
        guard let feature = currentFeature, let checkout = LmstatCheckoutLine(line) else {
            // The pool's kind (`floating license`, node-locked) and vendor string: nothing to count.
            return currentPool != nil
                && (line.hasPrefix("vendor_string:") || line.hasSuffix("license")
                    || line.contains("license locked to") || line.contains("nodelocked"))
        }
        let totals = report.features[feature]
        let poolVendor = currentPool.map { report.pools[$0].vendor } ?? nil
        var entry = StatusCheckout(
            vendor: poolVendor ?? totals.vendor, feature: totals.feature, user: checkout.user, host: checkout.host,
            display: checkout.display, version: checkout.version, serverHandle: checkout.serverHandle,
            start: nil, linger: checkout.linger, count: checkout.count)
        if let start = checkout.start {
            entry.start = StatusText.instant(
                month: start.month, day: start.day, secondOfDay: start.secondOfDay, before: report.reportedAt ?? at)
        }
        if checkout.queued {
            report.queued.append(entry)
        } else {
            report.checkouts.append(entry)
            if let pool = currentPool { report.pools[pool].inUse = (report.pools[pool].inUse ?? 0) + entry.count }
        }
        return true
    }

    /// `Users of F:  (Total of 144 licenses issued;  Total of 22 licenses in use)`, `(Uncounted, node-locked)`,
    /// `(Error: 1 licenses, unsupported by licensed server)`.
    private mutating func readTotals(_ line: Substring) -> Bool {
        recognised = true
        section = .features
        currentPool = nil
        currentFeature = nil
        featureHasPool = false
        let rest = line.dropFirst("Users of ".count)
        guard let colon = rest.firstIndex(of: ":") else { return false }
        let feature = String(StatusText.trimmed(rest[..<colon]))
        var content = StatusText.trimmed(rest[rest.index(after: colon)...])
        if content.hasPrefix("(") && content.hasSuffix(")") { content = content.dropFirst().dropLast() }
        guard !feature.isEmpty else { return false }
        var totals = LicenseStatusReport.FeatureTotals(
            vendor: report.vendorDaemons.count == 1 ? report.vendorDaemons[0].name : nil, feature: feature,
            issued: nil, inUse: nil)
        if content.hasPrefix("Total of ") {
            guard let issued = StatusText.number(after: "Total of ", in: content),
                let semicolon = content.range(of: ";"),
                let used = StatusText.number(after: "Total of ", in: content[semicolon.upperBound...])
            else { return false }
            totals.issued = issued
            totals.inUse = used
        } else {
            totals.detail = String(content)
        }
        report.features.append(totals)
        currentFeature = report.features.count - 1
        return true
    }

    /// `"feature2" v31.0, vendor: vendor1, expiry: 1-jan-0`.
    private mutating func readPool(_ line: Substring) -> Bool {
        let body = line.dropFirst()
        guard let quote = body.firstIndex(of: "\"") else { return false }
        var pool = LicensePool(
            vendor: nil, feature: String(body[..<quote]), version: nil, issued: nil, inUse: 0, expires: nil)
        for part in body[body.index(after: quote)...].split(separator: ",") {
            let part = StatusText.trimmed(part)
            if part.hasPrefix("vendor:") {
                pool.vendor = String(StatusText.trimmed(part.dropFirst("vendor:".count)))
            } else if part.hasPrefix("expiry:") {
                pool.expires = StatusText.expiry(StatusText.trimmed(part.dropFirst("expiry:".count)))
            } else if part.hasPrefix("v"), pool.version == nil {
                pool.version = String(part.dropFirst())
            }
        }
        report.pools.append(pool)
        currentPool = report.pools.count - 1
        // The totals line names no vendor; the first pool beneath it does, better than guessing the only daemon.
        if let feature = currentFeature, let vendor = pool.vendor, !featureHasPool {
            report.features[feature].vendor = vendor
            featureHasPool = true
        }
        return true
    }

    /// `10 RESERVATIONs for GROUP GROUP6 (host3.domain.net/27002)`: held back for someone, not in use.
    private mutating func readReservation(_ line: Substring) -> Bool {
        let words = StatusText.words(line)
        guard words.count >= 3, let count = StatusText.number(words[0]), words[1].hasPrefix("RESERVATION"),
            words[2] == "for"
        else { return false }
        report.reservations += count
        if let pool = currentPool { report.pools[pool].reserved += count }
        return true
    }
}
