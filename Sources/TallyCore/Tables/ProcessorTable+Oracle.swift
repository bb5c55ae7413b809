// Values come from Oracle's Processor Core Factor Table. The revision read line by line is the one headed
// "Effective Date: March 16, 2009" whose newest rows are SPARC S7 and Xeon E3-12XX v5 (a 2016 update), as reproduced
// at scribd.com/document/332870746. Families Oracle added later (Xeon Scalable, EPYC, POWER6 and on) could not be
// read in the PDF itself; their rows cite the published summaries named in their sources, which agree on the figure.
//
// Left out because the model string cannot show what the table keys on, or because no source confirmed a value:
// - "All Single Core Chips" (1.0): the core count, not the model, decides it.
// - UltraSPARC T1 (0.25 at 1.0/1.2 GHz on named servers, 0.5 at 1.4 GHz): keyed on clock and server model.
// - SPARC M8, Ampere/ARM, IBM System z: no two sources read agreed on a figure; they fall to the last row (1.0).

extension ProcessorTable {
    /// The document itself; rows add the revision or the summaries they were read from.
    private static let oracleTable =
        "Oracle Processor Core Factor Table, "
        + "https://www.oracle.com/us/corporate/contracts/processor-core-factor-table-070634.pdf"
    private static let oracle2016 =
        oracleTable + ", revision headed \"Effective Date: March 16, 2009\" "
        + "updated through SPARC S7 / Xeon E3 v5 (2016), as reproduced at https://www.scribd.com/document/332870746"
    private static let oracleSummaries =
        "current revision as summarised at https://www.redresscompliance.com/"
        + "oracle-core-factor.html (2026) and https://admodumcompliance.com/blog/oracle/core-factor-table (Dec 2025)"
    private static let oracleCurrent = oracleTable + ", " + oracleSummaries

    /// Oracle's core factors: licences needed per physical core, before rounding up the total.
    public static let oracleCoreFactor = ProcessorTable(
        name: .oracle,
        rows: [
            // SPARC T, M and S series: one row per generation, since the table rates them differently.
            Row(processors: "SPARC S7", patterns: ["sparc", "s7"], value: 0.5, source: oracle2016),
            Row(processors: "SPARC M7", patterns: ["sparc", "m7"], value: 0.5, source: oracle2016),
            Row(processors: "SPARC M6", patterns: ["sparc", "m6"], value: 0.5, source: oracle2016),
            Row(processors: "SPARC M5", patterns: ["sparc", "m5"], value: 0.5, source: oracle2016),
            Row(processors: "SPARC T5", patterns: ["sparc", "t5"], value: 0.5, source: oracle2016),
            Row(processors: "SPARC T4", patterns: ["sparc", "t4"], value: 0.5, source: oracle2016),
            Row(processors: "SPARC T3", patterns: ["sparc", "t3"], value: 0.25, source: oracle2016),
            // T2 Plus (0.5) before T2 (0.75): every T2 Plus model string also contains "t2".
            Row(processors: "Sun UltraSPARC T2+", patterns: ["ultrasparc", "t2+"], value: 0.5, source: oracle2016),
            Row(processors: "Sun UltraSPARC T2+", patterns: ["ultrasparc", "t2 plus"], value: 0.5, source: oracle2016),
            Row(processors: "Sun UltraSPARC T2", patterns: ["ultrasparc", "t2"], value: 0.75, source: oracle2016),
            Row(
                processors: "Sun UltraSPARC IV, IV+ or earlier multicore chips", patterns: ["ultrasparc", "iv"],
                value: 0.75, source: oracle2016
            ),
            // Fujitsu SPARC64: VII+ (0.5) before VI/VII (0.75), since "vii+" contains "vi". X and X+ come last and
            // are matched on "sparc64-x" / "sparc64 x" rather than a bare "x", which Solaris's "impl 0x6" would contain.
            // SPARC64 XII also contains these texts but is newer than the revision read.
            Row(processors: "SPARC64 VII+", patterns: ["sparc64", "vii+"], value: 0.5, source: oracle2016),
            Row(
                processors: "Sun and Fujitsu SPARC64 VI, VII", patterns: ["sparc64", "vi"], value: 0.75,
                source: oracle2016
            ),
            Row(processors: "SPARC64 X, SPARC64 X+", patterns: ["sparc64-x"], value: 0.5, source: oracle2016),
            Row(processors: "SPARC64 X, SPARC64 X+", patterns: ["sparc64 x"], value: 0.5, source: oracle2016),
            // Intel Xeon: the 2016 revision lists every Xeon series to E3/E5/E7 v4-v5 "or earlier multicore chips" at
            // 0.5; Xeon Scalable and later are 0.5 in the current revision. Single-core Xeons (1.0) are not detectable.
            Row(
                processors: "Intel Xeon multicore chips", patterns: ["xeon"], value: 0.5,
                source: oracle2016 + "; " + oracleSummaries
            ),
            // Itanium 93XX or earlier is 0.5 only for servers bought before 1 December 2010, and the 1.0 band opens with
            // Itanium 93XX bought later. The purchase date is not in the model string, so the stricter 1.0 applies.
            Row(
                processors: "Intel Itanium (purchase date unknown)", patterns: ["itanium"], value: 1.0,
                source: oracle2016
            ),
            Row(
                processors: "AMD Opteron models 13XX-84XX or earlier multicore chips", patterns: ["opteron"],
                value: 0.5, source: oracle2016
            ),
            Row(processors: "AMD EPYC", patterns: ["epyc"], value: 0.5, source: oracleCurrent),
            // IBM POWER: POWER5+ and earlier multicore chips are 0.75; POWER6 onwards are 1.0.
            Row(processors: "IBM POWER10", patterns: ["power10"], value: 1.0, source: oracleCurrent),
            Row(processors: "IBM POWER9", patterns: ["power9"], value: 1.0, source: oracleCurrent),
            Row(processors: "IBM POWER8", patterns: ["power8"], value: 1.0, source: oracleCurrent),
            Row(processors: "IBM POWER7", patterns: ["power7"], value: 1.0, source: oracleCurrent),
            Row(
                processors: "IBM POWER6", patterns: ["power6"], value: 1.0,
                source: oracleTable + ", POWER6 rated 1.0 since its 2008 revision, per https://miroconsulting.com/blog/"
                    + "ibm-power6-no-more-discounting-with-oracle-products"
            ),
            Row(
                processors: "IBM POWER5+ or earlier multicore chips", patterns: ["power5"], value: 0.75,
                source: oracle2016
            ),
            Row(
                processors: "IBM POWER5+ or earlier multicore chips", patterns: ["power4"], value: 0.75,
                source: oracle2016
            ),
            Row(processors: "HP PA-RISC", patterns: ["pa-risc"], value: 0.75, source: oracle2016),
            Row(processors: "HP PA-RISC", patterns: ["pa-8"], value: 0.75, source: oracle2016),
            // Desktop and laptop chips, after every server row: "core" also appears in Xeon, Itanium and EPYC strings.
            Row(
                processors: "Intel Desktop, Laptop/Notebook multicore chips (Core)", patterns: ["intel", "core"],
                value: 0.5, source: oracle2016
            ),
            Row(
                processors: "AMD Desktop, Laptop/Notebook multicore chips (Ryzen)", patterns: ["ryzen"],
                value: 0.5, source: oracle2016
            ),
            Row(
                processors: "All other multicore chips", patterns: [], value: 1.0,
                source: oracle2016 + " (1.0 band); " + oracleSummaries
            ),
        ],
        families: [
            Row(
                processors: "Oracle's rows for Intel x86 chips", patterns: ["intel"], value: 0.5,
                source: oracle2016),
            Row(
                processors: "Oracle's rows for AMD x86 chips", patterns: ["amd"], value: 0.5,
                source: oracle2016),
        ])
}
