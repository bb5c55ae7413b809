import ArgumentParser
import TallyCore
import TallyFormats

/// `tally bench`: how fast the engine reconciles a large estate, and how much memory it takes.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure the engine on a synthetic estate (or an estate file). Build with -c release.")

    @Option(name: .long, help: "Devices of the synthetic estate (about 50 installations each).")
    var devices: Int = 100_000

    @Option(name: .long, help: "The synthetic estate's seed.")
    var seed: UInt64 = 1

    @Option(name: .long, help: "Measure on this estate file instead, reading and decoding included.")
    var estate: String?

    @Option(name: .long, help: "Measure parsing this FlexNet debug log instead (one core, file already read).")
    var flexlmLog: String?

    @Option(
        name: .long,
        help: "Measure normalizing this many raw installation records with the built-in catalog instead (one core).")
    var normalize: Int?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Measure the built-in catalog's recognition instead, on the labelled inventories of this folder.",
            discussion: "The folder holds labels.csv (file, publisher, name, version, label, product) and the files "
                + "it names; Tests/TallyFormatsTests/Fixtures/recognition is the set Tally ships."))
    var recognition: String?

    @Flag(name: .long, help: "With --recognition: list every title the catalog got wrong.")
    var listMisses = false

    @Option(
        name: .long,
        help: "Backtest the demand forecast instead on this many synthetic monthly histories of each shape.")
    var forecast: Int?

    @Option(name: .long, help: "How many times to reconcile (or parse); the best and the median are reported.")
    var runs: Int = 3

    func validate() throws {
        guard runs > 0, devices > 0 else { throw ValidationError("--runs and --devices must be 1 or more") }
    }

    func run() throws {
        try reportingErrors {
            if let flexlmLog {
                try benchLogParsing(flexlmLog)
                return
            }
            if let normalize {
                try benchNormalizing(normalize)
                return
            }
            if let recognition {
                try benchRecognition(recognition)
                return
            }
            if let forecast {
                benchForecast(series: forecast)
                return
            }
            let clock = ContinuousClock()
            let subject: Estate
            if let estate {
                var bytes: [UInt8] = []
                let reading = try clock.measure { bytes = try Terminal.readFile(estate) }
                var decoded: Estate?
                let decoding = try clock.measure {
                    do throws(FormatError) {
                        decoded = try EstateFile.decode(bytes)
                    } catch {
                        throw CommandError.input(estate, reason: error.description)
                    }
                }
                subject = decoded ?? Estate(asOf: Terminal.today)
                report("read \(estate) (\(bytes.count / 1_000_000) MB)", reading)
                report("decode", decoding)
            } else {
                var made: Estate?
                let generating = clock.measure {
                    made = SyntheticEstate.make(
                        devices: devices, seed: seed,
                        asOf: Day(year: 2026, month: 11, day: 29)
                            ?? Terminal.today)
                }
                subject = made ?? Estate(asOf: Terminal.today)
                report("generate \(devices) devices", generating)
            }
            Terminal.write(
                "estate: \(subject.devices.count) devices, \(subject.installations.count) installations, "
                    + "\(subject.products.count) products, \(subject.entitlements.count) entitlements\n")
            var timings: [Duration] = []
            var last: Reconciliation?
            for _ in 0..<runs {
                timings.append(try clock.measure { last = try EstateInput.reconcile(subject, path: estate ?? "bench") })
            }
            Terminal.write(
                "runs: "
                    + timings.map { String(Int(($0 / .milliseconds(1)).rounded())) + " ms" }.joined(separator: ", ")
                    + "\n")
            timings.sort()
            report("reconcile (best of \(runs))", timings[0])
            report("reconcile (median)", timings[timings.count / 2])
            if let last {
                Terminal.write(
                    "position: \(last.positions.count) positions, \(last.consumers.count) consumers, "
                        + "exposure \(PositionTable.money(last.totals.exposure))\n")
            }
            if let peak = Terminal.peakMemory {
                Terminal.write("peak memory (resident): \(peak / 1_048_576) MiB\n")
            }
        }
    }

    /// The forecast backtested from rolling origins on synthetic histories of known shape (48 months, 6 ahead),
    /// beside the naive forecast that repeats the last month; and the time one product's forecast takes.
    private func benchForecast(series: Int) {
        let clock = ContinuousClock()
        var results: [ForecastBacktest.ShapeResult] = []
        let took = clock.measure {
            results = ForecastBacktest.run(seed: seed, series: max(1, min(series, 1_000)), months: 48, horizon: 6)
        }
        var table = TextTable(
            ["SHAPE", "SERIES", "FORECASTS", "MAPE", "NAIVE MAPE", "80% COVERAGE"], right: [1, 2, 3, 4, 5])
        let percent = { (value: Double) -> String in
            let tenths = Int((value * 1000).rounded())
            return "\(tenths / 10).\(tenths % 10)%"
        }
        for result in results {
            table.append([
                result.shape.rawValue, String(result.series), String(result.forecasts), percent(result.methodMAPE),
                percent(result.naiveMAPE), percent(result.coverage),
            ])
        }
        Terminal.write(table.render())
        report("backtest (seed \(seed), 48 months, 6 ahead)", took)
        // A trend with a season: Holt-Winters, the costlier fit.
        let history = (0..<120).map { (month: Int) -> Double in
            let season = Double(month % 12 - 6) * 10
            return 100 + Double(month) * 1.5 + season
        }
        var fits: [Duration] = []
        for _ in 0..<max(runs, 5) { fits.append(clock.measure { _ = Forecaster.forecast(history, months: 12) }) }
        fits.sort()
        let micros = Int((fits[0] / .microseconds(1)).rounded())
        Terminal.write("one product, 120 months, 12 ahead (best of \(fits.count)): \(micros) µs\n")
    }

    /// Parsing alone, on one core: the file is read first, and each run parses the bytes in memory.
    private func benchLogParsing(_ path: String) throws {
        let bytes = try Terminal.readFile(path)
        let clock = ContinuousClock()
        var timings: [Duration] = []
        var parsed: FlexLMLogReport?
        for _ in 0..<runs {
            timings.append(
                try clock.measure {
                    do throws(FormatError) {
                        parsed = try FlexLMLog.parse(bytes)
                    } catch {
                        throw CommandError.input(path, reason: error.description)
                    }
                })
        }
        timings.sort()
        let megabytes = Double(bytes.count) / 1_000_000
        for (label, timing) in [("best", timings[0]), ("median", timings[timings.count / 2])] {
            let seconds = timing / .seconds(1)
            Terminal.write(
                "parse \(path) (\(Int(megabytes)) MB), \(label) of \(runs): \(Int((seconds * 1000).rounded())) ms = "
                    + "\(Int((megabytes / seconds).rounded())) MB/s\n")
        }
        if let parsed {
            Terminal.write("\(parsed.checkouts.count) checkouts, \(parsed.denials.count) denials\n")
        }
    }

    /// Normalizing raw records drawn from 20,000 distinct (publisher, name, version) titles, as inventories repeat
    /// the same titles across devices; then working out each distinct title without the cache.
    private func benchNormalizing(_ records: Int) throws {
        let catalog: Catalog
        do throws(FormatError) {
            catalog = try CatalogFile.builtin()
        } catch {
            throw CommandError.input("the built-in catalog", reason: error.description)
        }
        let workload = NormalizationBenchmark.workload(records: records, distinct: 20_000, seed: seed)
        let clock = ContinuousClock()
        var timings: [Duration] = []
        var counts = NormalizationBenchmark.Counts()
        for _ in 0..<runs {
            var normalizer = Normalizer(catalog: catalog)
            timings.append(clock.measure { counts = NormalizationBenchmark.normalize(workload, with: &normalizer) })
        }
        timings.sort()
        for (label, timing) in [("best", timings[0]), ("median", timings[timings.count / 2])] {
            let seconds = timing / .seconds(1)
            Terminal.write(
                "normalize \(records) records (20,000 distinct), \(label) of \(runs): "
                    + "\(Int((seconds * 1000).rounded())) ms = \(PositionTable.grouped(Int(Double(records) / seconds))) records/s\n"
            )
        }
        Terminal.write("\(counts.products) products, \(counts.ignored) ignored, \(counts.unrecognized) unrecognised\n")
        let uncached = clock.measure {
            _ = NormalizationBenchmark.evaluateDistinct(workload, with: Normalizer(catalog: catalog))
        }
        Terminal.write(
            "each of the \(workload.distinct.count) distinct titles without the cache: \(Int((uncached / .milliseconds(1)).rounded())) ms\n"
        )
    }

    private func report(_ what: String, _ duration: Duration) {
        let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        let millis = (seconds * 1000).rounded()
        Terminal.write("\(what): \(Int(millis)) ms\n")
    }
}
