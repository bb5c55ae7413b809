import Testing

@testable import TallyCore

@Suite("Vendor processor tables")
struct ProcessorTableTests {
    private let oracle = ProcessorTable.oracleCoreFactor
    private let pvu = ProcessorTable.ibmPVU

    @Test("An Intel Xeon Gold 6248 has Oracle's x86 core factor of 0.5")
    func oracleXeon() {
        #expect(oracle.row(forModel: "Intel Xeon Gold 6248", sockets: 2).value == 0.5)
        #expect(oracle.row(forModel: "Intel(R) Xeon(R) CPU E5-2690 v4 @ 2.60GHz", sockets: 2).value == 0.5)
    }

    @Test("An AMD EPYC and an AMD Opteron have Oracle's core factor of 0.5")
    func oracleAMD() {
        #expect(oracle.row(forModel: "AMD EPYC 7742 64-Core Processor", sockets: 2).value == 0.5)
        #expect(oracle.row(forModel: "AMD Opteron(tm) Processor 6380", sockets: 4).value == 0.5)
    }

    @Test("IBM POWER9 counts a full licence per core with Oracle, POWER5 three quarters")
    func oraclePower() {
        #expect(oracle.row(forModel: "IBM POWER9", sockets: 2).value == 1.0)
        #expect(oracle.row(forModel: "POWER10", sockets: 4).value == 1.0)
        #expect(oracle.row(forModel: "IBM POWER5+", sockets: 2).value == 0.75)
    }

    @Test("SPARC chips take the row of their own generation")
    func oracleSPARC() {
        #expect(oracle.row(forModel: "SPARC T3", sockets: 1).value == 0.25)
        #expect(oracle.row(forModel: "SPARC-T4", sockets: 2).value == 0.5)
        #expect(oracle.row(forModel: "SPARC M7", sockets: 8).value == 0.5)
        #expect(oracle.row(forModel: "UltraSPARC-T2+", sockets: 2).value == 0.5)
        #expect(oracle.row(forModel: "UltraSPARC-T2", sockets: 1).value == 0.75)
        #expect(oracle.row(forModel: "SPARC64-VII+", sockets: 4).value == 0.5)
        #expect(oracle.row(forModel: "SPARC64-VII (impl 0x7)", sockets: 4).value == 0.75)
        #expect(oracle.row(forModel: "SPARC64-X+", sockets: 4).value == 0.5)
    }

    @Test("An Itanium of unknown purchase date takes Oracle's stricter factor of 1.0")
    func oracleItanium() {
        #expect(oracle.row(forModel: "Intel Itanium Processor 9560", sockets: 2).value == 1.0)
    }

    @Test("A desktop Intel Core chip has Oracle's desktop factor of 0.5")
    func oracleDesktop() {
        #expect(oracle.row(forModel: "Intel(R) Core(TM) i7-8700 CPU @ 3.20GHz", sockets: 1).value == 0.5)
    }

    @Test("A model Oracle does not list, or no model, falls to all other multicore chips")
    func oracleUnknown() {
        let last = oracle.rows[oracle.rows.count - 1]
        #expect(last.patterns.isEmpty)
        #expect(last.value == 1.0)
        #expect(oracle.row(forModel: "SiFive U74", sockets: 1).processors == last.processors)
        #expect(oracle.row(forModel: nil, sockets: 1).processors == last.processors)
    }

    @Test("An Intel Xeon Gold 6248 needs 70, 100 or 120 PVU per core by the server's sockets")
    func pvuXeon() {
        #expect(pvu.row(forModel: "Intel Xeon Gold 6248", sockets: 1).value == 70)
        #expect(pvu.row(forModel: "Intel Xeon Gold 6248", sockets: 2).value == 70)
        #expect(pvu.row(forModel: "Intel Xeon Gold 6248", sockets: 4).value == 100)
        #expect(pvu.row(forModel: "Intel Xeon Gold 6248", sockets: 8).value == 120)
    }

    @Test("IBM POWER9 and POWER10 need 70, 100 or 120 PVU per core by the server's sockets")
    func pvuPower() {
        #expect(pvu.row(forModel: "IBM POWER9", sockets: 2).value == 70)
        #expect(pvu.row(forModel: "IBM POWER9", sockets: 4).value == 100)
        #expect(pvu.row(forModel: "IBM POWER9", sockets: 16).value == 120)
        #expect(pvu.row(forModel: "POWER10", sockets: 2).value == 70)
        #expect(pvu.row(forModel: "POWER10", sockets: 16).value == 120)
    }

    @Test("A POWER5 quad-chip module needs fewer PVU than a plain POWER5")
    func pvuPower5() {
        #expect(pvu.row(forModel: "IBM POWER5 QCM", sockets: 4).value == 50)
        #expect(pvu.row(forModel: "IBM POWER5", sockets: 4).value == 100)
    }

    @Test("An IBM z engine needs 120 PVU and a SPARC T4 follows its socket tiers")
    func pvuOthers() {
        #expect(pvu.row(forModel: "IBM z15", sockets: 1).value == 120)
        #expect(pvu.row(forModel: "SPARC T4", sockets: 2).value == 70)
        #expect(pvu.row(forModel: "SPARC T4", sockets: 4).value == 100)
        #expect(pvu.row(forModel: "AMD Opteron 6380", sockets: 4).value == 50)
    }

    @Test("A model IBM does not list falls to the last row of 100 PVU")
    func pvuUnknown() {
        let last = pvu.rows[pvu.rows.count - 1]
        #expect(last.patterns.isEmpty)
        #expect(last.maxSockets == nil)
        #expect(last.value == 100)
        #expect(pvu.row(forModel: "SiFive U74", sockets: 1).processors == last.processors)
        #expect(pvu.row(forModel: nil, sockets: 64).processors == last.processors)
    }

    @Test("Only the last row of each table matches every model")
    func catchAllIsLast() {
        for table in [oracle, pvu] {
            let catchAll = table.rows.indices.filter {
                table.rows[$0].patterns.isEmpty && table.rows[$0].maxSockets == nil
            }
            #expect(catchAll == [table.rows.count - 1])
        }
    }

    @Test("Every row names the public document its value comes from")
    func sourcesPresent() {
        for row in oracle.rows + pvu.rows {
            #expect(!row.source.isEmpty, "\(row.processors) has no source")
            #expect(row.source.contains("https://"), "\(row.processors) source has no address")
            #expect(!row.processors.isEmpty)
        }
    }

    @Test("Patterns are lower case, since models are lowered before matching")
    func patternsLowerCase() {
        for row in oracle.rows + pvu.rows {
            for pattern in row.patterns {
                #expect(pattern == pattern.lowercased(), "\(row.processors): \(pattern)")
            }
        }
    }

    @Test("Within a family the smaller socket limit comes first")
    func socketTiersAscend() {
        for table in [oracle, pvu] {
            var previous: [[String]: Int] = [:]
            for row in table.rows {
                let limit = row.maxSockets ?? Int.max
                if let earlier = previous[row.patterns] {
                    #expect(earlier < limit, "\(row.processors) follows a row it can never reach past")
                }
                previous[row.patterns] = limit
            }
        }
    }

    @Test("Tables are found by the names an estate uses")
    func named() {
        let byOracle = ProcessorTable.named(.oracle)
        #expect(byOracle.name == .oracle)
        #expect(byOracle.rows.map(\.processors) == oracle.rows.map(\.processors))
        let byPVU = ProcessorTable.named(.ibmPVU)
        #expect(byPVU.name == .ibmPVU)
        #expect(byPVU.rows.map(\.processors) == pvu.rows.map(\.processors))
        #expect(ProcessorTable.Name(rawValue: "ibm-pvu") == .ibmPVU)
    }
}
