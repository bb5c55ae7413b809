import Foundation
import TallyCore
import TallyFormats

/// A second reading of a FlexNet log, written plainly with string operations and without the parser, so that
/// the parser's figures are checked against something worked out another way.
struct FlexLMTally {
    /// Checkouts (`OUT:` lines) per feature.
    var sessions: [String: Int] = [:]
    /// `DENIED:` and `UNSUPPORTED:` lines per feature.
    var denials: [String: Int] = [:]
    /// The most licenses of each feature out at the same second.
    var peaks: [String: Int] = [:]
    /// The same, with the sessions of one user on one host that overlap or touch counted as one license holding
    /// their largest count (FlexNet's DUP_GROUP, as the server counts).
    var licensePeaks: [String: Int] = [:]
    var firstDay: Day?
    var lastDay: Day?

    struct Missing: Error { var line: Int }

    init(_ bytes: [UInt8]) throws {
        var text = String(decoding: bytes, as: UTF8.self)
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        var day: Day?
        var previous = -1
        // Open sessions by "feature|user@host": when each started and how many licenses it holds.
        var open: [String: [(start: Int, count: Int)]] = [:]
        // Closed sessions by "feature|user@host", for the grouped peaks.
        var closed: [String: [(start: Int, end: Int, count: Int)]] = [:]
        var changes: [(second: Int, delta: Int, feature: String)] = []
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        for (index, raw) in lines.enumerated() {
            let line = raw.hasSuffix("\r") ? String(raw.dropLast()) : String(raw)
            let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            let clock = words.first?.split(separator: ":").compactMap { Int($0) } ?? []
            guard words.count >= 3, clock.count == 3, words[1].hasPrefix("("), words[1].hasSuffix(")") else {
                continue
            }
            let seconds = clock[0] * 3600 + clock[1] * 60 + clock[2]
            if seconds < previous - 2 * 3600 { day = day?.adding(days: 1) }
            previous = seconds
            let message = words[2...].joined(separator: " ")
            if words[2] == "TIMESTAMP" {
                day = Self.slashDate(words[3])
            } else if message.hasPrefix("Server's System Date and Time:") {
                let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
                if let month = months.firstIndex(of: words[8]), let date = Int(words[9]), let year = Int(words[10]) {
                    day = Day(year: year, month: month + 1, day: date)
                }
            } else if words[1] == "(lmgrd)", message.contains(" started on "), let last = words.last {
                day = Self.slashDate(String(last.dropFirst().dropLast()))
            }
            let stops = ["Shutting down", "Shutdown", "EXITING", "Server started on", "Started ", "REStarted"]
            if stops.contains(where: message.hasPrefix) || (words[1] == "(lmgrd)" && message.contains(" started on ")) {
                for (key, held) in open {
                    let feature = String(key.split(separator: "|")[0])
                    let now = seconds + Int(day?.daysSinceEpoch ?? 0) * 86_400
                    changes += held.map { (now, -$0.count, feature) }
                    closed[key, default: []] += held.map { ($0.start, now, $0.count) }
                }
                open = [:]
            }
            let kind = words[2]
            guard ["OUT:", "IN:", "DENIED:", "UNSUPPORTED:"].contains(kind) else { continue }
            guard let day else { throw Missing(line: index + 1) }
            let now = Int(day.daysSinceEpoch) * 86_400 + seconds
            firstDay = firstDay ?? day
            lastDay = day
            let quoted = line.split(separator: "\"", omittingEmptySubsequences: false)
            let feature = String(quoted[1])
            var rest = quoted[2...].joined(separator: "\"")
            if let note = rest.range(of: "  (") { rest = String(rest[..<note.lowerBound]) }
            let who = rest.trimmingCharacters(in: .whitespaces)
            switch kind {
            case "OUT:":
                sessions[feature, default: 0] += 1
                let count =
                    line.hasSuffix("licenses)")
                    ? Int(
                        line.split(separator: "(").last?.split(separator: " ")
                            .first ?? "") ?? 1 : 1
                open[feature + "|" + who, default: []].append((now, count))
                changes.append((now, count, feature))
            case "IN:":
                if let held = open[feature + "|" + who]?.first {
                    open[feature + "|" + who]?.removeFirst()
                    changes.append((now, -held.count, feature))
                    closed[feature + "|" + who, default: []].append((held.start, now, held.count))
                }
            default:
                denials[feature, default: 0] += 1
            }
        }
        peaks = Self.peak(changes)
        licensePeaks = Self.peak(Self.grouped(closed))
    }

    /// Each holder's sessions merged where they overlap or touch, as changes of the licenses held.
    static func grouped(
        _ sessions: [String: [(start: Int, end: Int, count: Int)]]
    ) -> [(
        second: Int, delta: Int, feature: String
    )] {
        var changes: [(second: Int, delta: Int, feature: String)] = []
        for (key, list) in sessions {
            let feature = String(key.split(separator: "|")[0])
            var group: (start: Int, end: Int, count: Int)?
            for session in list.sorted(by: { $0.start < $1.start }) {
                if let current = group, session.start <= current.end {
                    group = (current.start, max(current.end, session.end), max(current.count, session.count))
                } else {
                    if let current = group {
                        changes += [(current.start, current.count, feature), (current.end, -current.count, feature)]
                    }
                    group = session
                }
            }
            if let current = group {
                changes += [(current.start, current.count, feature), (current.end, -current.count, feature)]
            }
        }
        return changes
    }

    static func slashDate(_ text: String) -> Day? {
        let parts = text.split(separator: "/").compactMap { Int($0) }
        guard parts.count == 3 else { return nil }
        return Day(year: parts[2], month: parts[0], day: parts[1])
    }

    /// The highest running total per feature, ends counted before starts at the same second.
    static func peak(_ changes: [(second: Int, delta: Int, feature: String)]) -> [String: Int] {
        var current: [String: Int] = [:], highest: [String: Int] = [:]
        for change in changes.sorted(by: { ($0.second, $0.delta) < ($1.second, $1.delta) }) {
            current[change.feature, default: 0] += change.delta
            highest[change.feature] = max(highest[change.feature] ?? 0, current[change.feature] ?? 0)
        }
        return highest
    }

    /// The same peaks, from the parser's checkouts.
    static func peaks(of checkouts: [LicenseCheckout]) -> [String: Int] {
        var changes: [(second: Int, delta: Int, feature: String)] = []
        for checkout in checkouts {
            changes.append((Int(checkout.start.secondsSinceEpoch), checkout.count, checkout.feature))
            if let end = checkout.end {
                changes.append((Int(end.secondsSinceEpoch), -checkout.count, checkout.feature))
            }
        }
        return peak(changes)
    }
}

/// Figures of the two real logs, worked out by `FlexLMTally`; the session counts are also those of `grep -c`.
enum FlexLMFigures {
    static let matlabSessions: [String: Int] = [
        "Aerospace_Blockset": 2, "Audio_System_Toolbox": 3, "Communication_Toolbox": 11, "Control_Toolbox": 19,
        "Curve_Fitting_Toolbox": 18, "Distrib_Computing_Toolbox": 20, "Filter_Design_HDL_Coder": 2,
        "Fixed_Point_Toolbox": 3, "Fuzzy_Toolbox": 1, "GADS_Toolbox": 1, "Image_Toolbox": 101, "MAP_Toolbox": 20,
        "MATLAB": 6345, "MATLAB_5G_Toolbox": 9, "MATLAB_Coder": 5, "MBC_Toolbox": 1, "MPC_Toolbox": 3,
        "Neural_Network_Toolbox": 5, "Optimization_Toolbox": 89, "PDE_Toolbox": 15, "Phased_Array_System_Toolbox": 13,
        "Power_System_Blocks": 16, "RF_Blockset": 4, "RF_Toolbox": 4, "Real-Time_Win_Target": 4,
        "Real-Time_Workshop": 4, "SIMULINK": 59, "Signal_Blocks": 20, "Signal_Toolbox": 2150, "SimDriveline": 1,
        "Simscape": 16, "Simulink_Control_Design": 1, "Statistics_Toolbox": 980, "Symbolic_Toolbox": 61,
        "Wavelet_Toolbox": 1,
    ]
    static let matlabPeaks: [String: Int] = [
        "Aerospace_Blockset": 1, "Audio_System_Toolbox": 1, "Communication_Toolbox": 1, "Control_Toolbox": 7,
        "Curve_Fitting_Toolbox": 2, "Distrib_Computing_Toolbox": 4, "Filter_Design_HDL_Coder": 1,
        "Fixed_Point_Toolbox": 1, "Fuzzy_Toolbox": 1, "GADS_Toolbox": 1, "Image_Toolbox": 29, "MAP_Toolbox": 9,
        "MATLAB": 319, "MATLAB_5G_Toolbox": 1, "MATLAB_Coder": 1, "MBC_Toolbox": 1, "MPC_Toolbox": 2,
        "Neural_Network_Toolbox": 1, "Optimization_Toolbox": 31, "PDE_Toolbox": 6, "Phased_Array_System_Toolbox": 1,
        "Power_System_Blocks": 11, "RF_Blockset": 4, "RF_Toolbox": 4, "Real-Time_Win_Target": 1,
        "Real-Time_Workshop": 1, "SIMULINK": 12, "Signal_Blocks": 2, "Signal_Toolbox": 98, "SimDriveline": 1,
        "Simscape": 11, "Simulink_Control_Design": 1, "Statistics_Toolbox": 87, "Symbolic_Toolbox": 10,
        "Wavelet_Toolbox": 1,
    ]
    static let maplePeaks: [String: Int] = [
        "Maple": 39, "Maple2019": 2, "Maple2020": 4, "Maple2021": 39,
    ]
}
