// Values come from IBM's "Processor Value Unit [PVU] licensing for Distributed Software" page and its PVU table
// (the RISC and System z section, dated 2026-01-09), plus IBM's own announcement pages where the x86 section of
// the table could not be read. IBM keys the POWER and x86 tiers on the server's maximum number of sockets (POWER
// names the server models: S10xx are the 2-socket tier, E1050 the 4-socket tier, E1080 the larger one), so each
// family is listed smallest socket limit first.
//
// Left out because no IBM text read gave a figure, or because the model string cannot show what the table keys on:
// - AMD EPYC, Intel Core/Pentium desktops, Itanium, HP PA-RISC, ARM, UltraSPARC T1/T3, SPARC T5 and later:
//   not confirmed; they fall to the last row.
// - UltraSPARC T2 (50): its row would also catch the T2 Plus, whose figure was not found.
// - Pre-Nehalem Xeon (50 PVU, model numbers 3000-3499, 5000-5499): a model-number range, not a substring.
// - "Any POWER system core running Linux" (70): keyed on the operating system, not the processor.

extension ProcessorTable {
    /// The page holding IBM's current PVU table; rows quote the section they come from.
    private static let pvuPage =
        "IBM, Processor Value Unit [PVU] licensing for Distributed Software, "
        + "https://www.ibm.com/software/passportadvantage/pvu-licensing-for-customers "
        + "(formerly pvu_licensing_for_customers.html), PVU table"
    private static let pvuRISC = pvuPage + " section 1 (RISC and System z), dated 2026-01-09"
    /// The socket tiers IBM set for Nehalem EX Xeons, applied to later Xeons because the x86 section of the
    /// current table could not be read here; the source says so, so a reader knows to check it.
    private static let pvuXeon =
        "IBM, PVU requirement for new Intel Xeon (Nehalem EX), https://www-01.ibm.com/"
        + "software/passportadvantage/pvu_requirement_for_Intel_Xeon_Nehalem_EX_technology.html (2010): "
        + "70 PVU for at most 2 sockets, 100 for at most 4, 120 for up to 8; applied to later Xeons pending a "
        + "reading of " + pvuPage + " section 2 (x86)"

    /// IBM's Processor Value Units per core, by processor family and the server's socket count.
    public static let ibmPVU = ProcessorTable(
        name: .ibmPVU,
        rows: [
            // IBM POWER, newest first.
            Row(
                processors: "IBM POWER11 (S11xx/L11xx)", patterns: ["power11"], maxSockets: 2, value: 70,
                source: pvuRISC),
            Row(processors: "IBM POWER11 (E1150)", patterns: ["power11"], maxSockets: 4, value: 100, source: pvuRISC),
            Row(processors: "IBM POWER11 (E1180)", patterns: ["power11"], value: 120, source: pvuRISC),
            Row(
                processors: "IBM POWER10 (S10xx/L10xx)", patterns: ["power10"], maxSockets: 2, value: 70,
                source: pvuRISC),
            Row(processors: "IBM POWER10 (E1050)", patterns: ["power10"], maxSockets: 4, value: 100, source: pvuRISC),
            Row(processors: "IBM POWER10 (E1080)", patterns: ["power10"], value: 120, source: pvuRISC),
            Row(processors: "IBM POWER9 (H92x, S9xx)", patterns: ["power9"], maxSockets: 2, value: 70, source: pvuRISC),
            Row(processors: "IBM POWER9 (E950)", patterns: ["power9"], maxSockets: 4, value: 100, source: pvuRISC),
            Row(processors: "IBM POWER9 (E980)", patterns: ["power9"], value: 120, source: pvuRISC),
            Row(processors: "IBM POWER8 (S8xx)", patterns: ["power8"], maxSockets: 2, value: 70, source: pvuRISC),
            Row(processors: "IBM POWER8 (E850)", patterns: ["power8"], maxSockets: 4, value: 100, source: pvuRISC),
            Row(processors: "IBM POWER8 (870, 880)", patterns: ["power8"], value: 120, source: pvuRISC),
            Row(processors: "IBM POWER7 (2 sockets)", patterns: ["power7"], maxSockets: 2, value: 70, source: pvuRISC),
            Row(processors: "IBM POWER7 (4 sockets)", patterns: ["power7"], maxSockets: 4, value: 100, source: pvuRISC),
            Row(processors: "IBM POWER7 (770, 780, 795)", patterns: ["power7"], value: 120, source: pvuRISC),
            // POWER6 is split by server model (520 and JS blades 80, 550-595 120), not by sockets; the model string
            // cannot tell them apart, so the higher figure applies rather than risk under-licensing.
            Row(
                processors: "IBM POWER6 (550-595; 520/JS blades are 80)", patterns: ["power6"], value: 120,
                source: pvuRISC
            ),
            // The quad-chip module (50) before plain POWER5 (100), whose texts it also contains.
            Row(processors: "IBM POWER5 QCM", patterns: ["power5", "qcm"], value: 50, source: pvuRISC),
            Row(processors: "IBM POWER5", patterns: ["power5"], value: 100, source: pvuRISC),
            Row(processors: "IBM POWER4", patterns: ["power4"], value: 100, source: pvuRISC),
            // The row naming z17 ME1 down to z10 EC and LinuxONE Emperor models was cut off before its figure in the
            // copy read; IBM's z10 announcement gives that row's z10 120 PVU per IFL or CP engine. The single-frame
            // models (z13s, z14 ZR1, LinuxONE Rockhopper...) sit in another row whose figure was not read and meet
            // these rows too, so they may be over-counted.
            Row(
                processors: "IBM Z / LinuxONE (IFL or CP engine)", patterns: ["ibm z"], value: 120,
                source: pvuRISC + "; IBM, PVU Assignment for New System z10 Processor Family (2008), "
                    + "https://www-306.ibm.com/software/lotus/passportadvantage/"
                    + "pvu_assignment_for_new_system_z10_processor_family.html"
            ),
            Row(
                processors: "IBM Z / LinuxONE (IFL or CP engine)", patterns: ["linuxone"], value: 120,
                source: pvuRISC + "; IBM, PVU Assignment for New System z10 Processor Family (2008), "
                    + "https://www-306.ibm.com/software/lotus/passportadvantage/"
                    + "pvu_assignment_for_new_system_z10_processor_family.html"
            ),
            // SPARC T4: IBM names no system with more than 4 sockets, so larger counts fall through.
            Row(
                processors: "Oracle SPARC T4 (at most 2 sockets)", patterns: ["sparc", "t4"], maxSockets: 2, value: 70,
                source: "IBM, PVU requirement for SPARC T4 from Oracle (2011), https://www-01.ibm.com/software/"
                    + "passportadvantage/pvu_requirement_for_SPARC_T4.html"
            ),
            Row(
                processors: "Oracle SPARC T4 (at most 4 sockets)", patterns: ["sparc", "t4"], maxSockets: 4, value: 100,
                source: "IBM, PVU requirement for SPARC T4 from Oracle (2011), https://www-01.ibm.com/software/"
                    + "passportadvantage/pvu_requirement_for_SPARC_T4.html"
            ),
            Row(
                processors: "Intel Xeon (up to 2 sockets)", patterns: ["xeon"], maxSockets: 2, value: 70,
                source: pvuXeon),
            Row(
                processors: "Intel Xeon (up to 4 sockets)", patterns: ["xeon"], maxSockets: 4, value: 100,
                source: pvuXeon),
            Row(processors: "Intel Xeon (more than 4 sockets)", patterns: ["xeon"], value: 120, source: pvuXeon),
            // Single-core Opterons are 100, but the model string does not give the core count.
            Row(
                processors: "AMD Opteron multicore", patterns: ["opteron"], value: 50,
                source: "IBM, Guide to identifying your Processor Technology, https://www.ibm.com/software/"
                    + "passportadvantage/guide_to_identifying_processor_family.html (AMD Opteron DC/QC, all existing: 50)"
            ),
            Row(
                processors: "Processor not in IBM's table", patterns: [], value: 100,
                source: pvuPage
                    + ": IBM gives no figure for unlisted processors (it refers to its Guide to Identifying "
                    + "Your Processor Technology and says to contact IBM); 100 PVU per core is this tool's assumption"
            ),
        ],
        families: ["intel", "amd"].flatMap { vendor in
            [
                Row(
                    processors: "IBM's x86 rows for servers of up to 2 sockets",
                    patterns: [vendor], maxSockets: 2, value: 70, source: pvuXeon),
                Row(
                    processors: "IBM's x86 rows for servers of up to 4 sockets",
                    patterns: [vendor], maxSockets: 4, value: 100, source: pvuXeon),
                Row(
                    processors: "IBM's x86 rows for servers of more than 4 sockets",
                    patterns: [vendor], value: 120, source: pvuXeon),
            ]
        })
}
