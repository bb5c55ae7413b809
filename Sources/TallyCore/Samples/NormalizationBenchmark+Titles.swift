extension NormalizationBenchmark {
    /// A raw row with `{...}` parts to fill in (see `expand`).
    struct Title {
        let publisher: String
        let name: String
        let version: String

        init(_ publisher: String, _ name: String, _ version: String) {
            self.publisher = publisher
            self.name = name
            self.version = version
        }
    }

    static func titles(of kind: Kind) -> [Title] {
        switch kind {
        case .commercial: commercial
        case .component: components
        case .free: linuxPackages + windowsFree
        case .unknown: unknown
        }
    }

    /// Commercial titles as Windows Add/Remove Programs and macOS list them.
    static let commercial: [Title] = [
        Title(
            "Microsoft Corporation", "Microsoft Office Professional Plus {2016|2019|2021} - {lang}",
            "16.0.{10000-17999}.{20000-20999}"),
        Title(
            "Microsoft Corporation", "Microsoft Office Professional Plus {2010|2013|2016}",
            "{14|15|16}.0.{4000-5500}.1000"),
        Title("Microsoft Corporation", "Microsoft Office Standard {2016|2019|2021}", "16.0.{4000-17999}.{1000-2999}"),
        Title(
            "Microsoft Corporation", "Microsoft 365 Apps for enterprise - {lang}", "16.0.{14000-17999}.{20000-20999}"),
        Title(
            "Microsoft Corporation", "Microsoft Visio Professional {2016|2019|2021} - {lang}",
            "16.0.{10000-17999}.20000"),
        Title(
            "Microsoft Corporation", "Microsoft Project Professional {2016|2019|2021} - {lang}",
            "16.0.{10000-17999}.20000"),
        Title(
            "Microsoft Corporation", "Microsoft SQL Server {2016|2017|2019|2022} (64-bit)",
            "{13|14|15|16}.0.{1000-5000}.{1-99}"),
        Title("Microsoft Corporation", "Visual Studio {Professional|Enterprise} {2019|2022}", "{16|17}.{0-11}.{0-40}"),
        Title(
            "Adobe Systems Incorporated", "Adobe Acrobat DC{| (64-bit)}",
            "{19|20|21|22|23}.{001-012}.{20000-20999}"),
        Title("Adobe", "Adobe Acrobat {XI|X} {Pro|Standard}", "{10|11}.0.{10-23}"),
        Title("Adobe Inc.", "Adobe Photoshop {2021|2022|2023|2024|2025}", "{22|23|24|25|26}.{0-9}.{0-9}"),
        Title("Adobe Inc.", "Adobe Illustrator {2022|2023|2024}", "{26|27|28}.{0-9}"),
        Title("Adobe Inc.", "Adobe InDesign {2022|2023|2024}", "{17|18|19}.{0-9}"),
        Title("Adobe Inc.", "Adobe Premiere Pro {2022|2023|2024}", "{22|23|24}.{0-9}"),
        Title("Adobe Inc.", "Adobe Creative Cloud", "{5|6}.{0-9}.{0-9}.{100-900}"),
        Title(
            "Autodesk", "AutoCAD {2020|2021|2022|2023|2024|2025} - {English|Deutsch|Français}",
            "{R23|R24|R25}.{0-3}.{10-99}"),
        Title("Autodesk, Inc.", "AutoCAD LT {2022|2023|2024}", "{24|25}.{0-3}.{10-99}"),
        Title("Autodesk", "Autodesk Revit {2022|2023|2024|2025}", "{22|23|24|25}.{0-3}.{0-9}.{10-99}"),
        Title("Autodesk", "Autodesk Civil 3D {2023|2024|2025}", "{13|14}.{0-9}.{100-999}.0"),
        Title("Autodesk", "Autodesk Inventor Professional {2023|2024|2025}", "{27|28|29}.{0-3}.{0-9}"),
        Title("Autodesk", "Autodesk 3ds Max {2023|2024|2025}", "{25|26|27}.{0-3}.0.{0-9}"),
        Title("MathWorks", "MATLAB R{2021|2022|2023|2024}{a|b}", "{9|23|24}.{0-14}.0.{1000000-2999999}"),
        Title("IBM Corp.", "IBM SPSS Statistics {26|27|28|29|30}", "{26|27|28|29|30}.0.{0-2}.0"),
        Title("Tableau Software", "Tableau {2023|2024}.{1|2|3}", "{20231|20232|20241}.{23|24}.{1000-1299}.{1000-2999}"),
        Title(
            "JetBrains s.r.o.", "IntelliJ IDEA {2023|2024}.{1|2|3}{|.1|.2|.3}", "{231|232|241|242}.{1000-9999}.{1-99}"),
        Title("JetBrains s.r.o.", "PyCharm {2023|2024}.{1|2|3}{|.1|.2}", "{231|232|241|242}.{1000-9999}.{1-99}"),
        Title("TeamViewer", "TeamViewer", "15.{10-60}.{1-9}"),
        Title("Corel Corporation", "WinZip {26|27|28}.{0|5}", "{26|27|28}.{0-5}.{15000-16999}"),
        Title("TechSmith Corporation", "Snagit {2022|2023|2024}", "{22|23|24}.{0-3}.{0-9}"),
        Title("TechSmith Corporation", "Camtasia {2022|2023}", "{22|23}.{0-5}.{0-9}.{10000-50000}"),
        Title(
            "Dassault Systemes SolidWorks Corp", "SOLIDWORKS {2022|2023|2024} SP{0|1|2|3|4|5}",
            "{30|31|32}.{0-5}.{0-99}"),
        Title("StataCorp LLC", "Stata {16|17|18}", "{16|17|18}.0"),
        Title("Minitab, LLC", "Minitab {19|20|21|22}", "{19|20|21|22}.{1-4}.{0-2}.0"),
        Title("Wolfram Research, Inc.", "Wolfram Mathematica {12|13|14}.{0|1|2|3}", "{12|13|14}.{0-3}.0.0"),
        Title("Esri", "ArcGIS Pro", "{2|3}.{0-9}.{0-40000}"),
        Title("NI", "NI LabVIEW {2020|2021|2023} {Q1|Q3} (64-bit)", "{20|21|23}.{0-3}.{0-5}.{0-49152}"),
        Title("Oracle Corporation", "Java 8 Update {211-451}{| (64-bit)}", "8.0.{2110-4510}.{1-20}"),
        Title("Oracle Corporation", "Java(TM) SE Development Kit 11.0.{1-24} (64-bit)", "11.0.{1-24}.0"),
        Title("VMware, Inc.", "VMware Workstation", "{15|16|17}.{0-5}.{0-2}"),
        Title(
            "Citrix Systems, Inc.", "Citrix Virtual Delivery Agent {1912|2203|2311}", "{1912|2203|2311}.0.{0-900}.{0-9}"
        ),
        Title("Nitro", "Nitro Pro", "{13|14}.{0-70}.{0-9}.{0-99}"),
        Title("Foxit Software Inc.", "Foxit PDF Editor", "{11|12|13}.{0-3}.{0-9}.{1000-9999}"),
        Title(
            "Corel Corporation", "CorelDRAW Graphics Suite {2021|2022|2023|2024} (64-Bit)",
            "{23|24|25}.{0-5}.0.{100-999}"),
        Title("SAP", "SAP GUI for Windows {7.60|7.70|8.00} (Patch {1-12})", "{7.60|7.70|8.00}.{1-12}"),
        Title("Altium Limited", "Altium Designer", "{22|23|24}.{0-11}.{0-99}"),
        Title("Clarivate", "EndNote {20|21}", "{20|21}.{0-4}.0.{10000-19999}"),
        Title("Bluebeam, Inc.", "Bluebeam Revu {20|21}", "{20|21}.{0-5}.{0-9}"),
        Title("Trimble, Inc.", "SketchUp {2022|2023|2024}", "{22|23|24}.0.{100-900}"),
        Title("Robert McNeel & Associates", "Rhinoceros {6|7|8}", "{6|7|8}.{0-30}.{20000-24999}.{10000-19999}"),
        Title("PremiumSoft CyberTech Ltd.", "Navicat Premium {15|16}", "{15|16}.{0-3}.{0-9}"),
        Title("VanDyke Software, Inc.", "SecureCRT {9.3|9.4|9.5}", "{9}.{3-5}.{0-3}"),
        Title("Scooter Software", "Beyond Compare {4|5}.{0-4}.{0-9}", "{4|5}.{0-4}.{0-9}.{20000-29999}"),
        Title("Docker Inc.", "Docker Desktop", "4.{10-30}.{0-2}"),
        Title("Broadcom", "Symantec Endpoint Protection", "14.3.{1000-9999}.{1000-9999}"),
        Title("CrowdStrike, Inc.", "CrowdStrike Windows Sensor", "7.{0-20}.{10000-19999}.0"),
        Title("Microsoft Corporation", "Microsoft Word", "16.{60-90}"),
        Title("Microsoft Corporation", "Microsoft Excel", "16.{60-90}"),
    ]

    /// Updates, language packs and parts of commercial suites.
    static let components: [Title] = [
        Title(
            "Microsoft",
            "{Update|Security Update} for Microsoft Office {2013|2016} (KB{3000000-5099999}) {32|64}-Bit Edition",
            ""),
        Title(
            "Microsoft",
            "{Update|Security Update} for Microsoft {Excel|Word|Outlook|PowerPoint} {2013|2016} "
                + "(KB{3000000-5099999}) {32|64}-Bit Edition", ""),
        Title(
            "Microsoft Corporation",
            "Microsoft Office Proofing Tools {2013|2016} - {Deutsch|Français|Español|Italiano}", "16.0.4266.1001"),
        Title(
            "Microsoft Corporation", "Microsoft Office {Shared|OSM|Proofing} MUI ({English|German|French}) {2013|2016}",
            "16.0.{4000-5400}.1000"),
        Title("Microsoft Corporation", "Microsoft Office {32|64}-bit Components {2013|2016}", "16.0.{4000-5400}.1000"),
        Title(
            "Autodesk", "AutoCAD {2022|2023|2024} Language Pack - {English|Deutsch|Français}", "{24|25}.{0-3}.{10-99}"),
        Title(
            "Corel Corporation",
            "CorelDRAW Graphics Suite {2021|2022} - {Draw|Fonts|Filters|Lang EN|PHOTO-PAINT|Capture}",
            "{23|24}.{0-5}.0.{100-999}"),
        Title(
            "Microsoft Corporation",
            "SQL Server {2017|2019|2022} {Common Files|Database Engine Services|Connection Info|Batch Parser}",
            "{14|15|16}.0.{1000-5000}.{1-99}"),
    ]

    /// Linux packages as dpkg and rpm report them: dpkg rows have no publisher, rpm rows the distribution.
    static let linuxPackages: [Title] = [
        Title("", "lib{libstem}", "{1-3}.{0-20}.{0-9}-{1-9}{|+deb12u1|+deb11u3|ubuntu0.22.04.1|ubuntu0.24.04.2}"),
        Title("", "lib{libstem}-dev", "{1-3}.{0-20}.{0-9}-{1-9}"),
        Title("", "python3-{pystem}", "{0-9}.{0-30}.{0-9}-{1-5}"),
        Title("", "{basestem}", "{1-9}.{0-40}-{1-9}{|ubuntu1|ubuntu2|+b1|+b2}"),
        Title("", "{basestem}-{common|data|doc|utils}", "{1-9}.{0-40}-{1-9}"),
        Title("", "fonts-{fontstem}", "{1-3}.{0-20}-{1-4}"),
        Title(
            "", "linux-{image|headers|modules}-{5.15|6.1|6.5|6.8}.0-{1-120}-{generic|amd64}",
            "{5.15|6.1|6.5|6.8}.0-{1-120}.{1-140}"),
        Title("", "gir1.2-{girstem}-{1.0|2.0|3.0|4.0}", "{1-3}.{0-80}.{0-9}-{1-3}"),
        Title("", "{libstem}-{tools|bin}", "{1-3}.{0-20}.{0-9}-{1-9}"),
        Title("Fedora Project", "{basestem}", "{1-9}.{0-40}.{0-9}-{1-30}.fc{35-40}"),
        Title("Fedora Project", "perl-{perlstem}", "{0-3}.{0-99}-{1-20}.fc{35-40}"),
        Title("Red Hat, Inc.", "{basestem}", "{1-9}.{0-40}.{0-9}-{1-30}.el{8|9}"),
        Title("Red Hat, Inc.", "kernel{|-core|-modules|-tools}", "{4.18.0|5.14.0}-{100-500}.el{8|9}"),
        Title("", "perl-{perlstem}", "{0-3}.{0-99}-{1-9}"),
        Title("", "r-cran-{pystem}", "{0-9}.{0-9}.{0-9}-{1-3}"),
    ]

    /// Free software, runtimes, drivers and updates met on Windows and macOS.
    static let windowsFree: [Title] = [
        Title("Google LLC", "Google Chrome", "{110-130}.0.{5000-6700}.{10-200}"),
        Title("Mozilla", "Mozilla Firefox ({x64|x86} {en-US|de|fr})", "{100-130}.{0-3}.{0-2}"),
        Title("Igor Pavlov", "7-Zip {19.00|22.01|23.01|24.08} (x64)", "{19.00|22.01|23.01|24.08}"),
        Title("VideoLAN", "VLC media player", "3.0.{10-21}"),
        Title("Notepad++ Team", "Notepad++ (64-bit x64)", "8.{0-7}.{0-9}"),
        Title(
            "Microsoft Corporation",
            "Microsoft Visual C++ {2012|2013|2015-2022} Redistributable ({x64|x86}) - {11|12|14}.{0-40}.{10000-34000}",
            "{11|12|14}.{0-40}.{10000-34000}.0"),
        Title(
            "Microsoft Corporation", "Microsoft .NET {Runtime|Desktop Runtime|Host} - {6|7|8}.0.{0-30} ({x64|x86})",
            "{6|7|8}.0.{0-30}.{30000-40000}"),
        Title("Microsoft Corporation", "Microsoft Edge", "{110-130}.0.{1500-2800}.{10-99}"),
        Title("Microsoft Corporation", "Microsoft Teams", "1.{5|6|7}.00.{10000-35000}"),
        Title("Microsoft Corporation", "Security Update for Windows {10|Server 2019} (KB{4000000-5099999})", ""),
        Title(
            "Intel Corporation",
            "Intel(R) {Chipset Device Software|Management Engine Components|Serial IO|Graphics Driver}",
            "{10|20|30}.{0-9}.{0-99}.{1000-9999}"),
        Title(
            "NVIDIA Corporation", "NVIDIA {Graphics Driver|HD Audio Driver|PhysX System Software} {450-560}.{10-99}",
            "{450-560}.{10-99}"),
        Title(
            "Realtek Semiconductor Corp.",
            "Realtek {High Definition Audio Driver|Card Reader|Ethernet Controller Driver}", "6.0.{1-9}.{8000-9999}"),
        Title("Python Software Foundation", "Python 3.{8-13}.{0-12} ({64|32}-bit)", "3.{8-13}.{0-12}150.0"),
        Title("The Git Development Community", "Git", "2.{30-46}.{0-2}"),
        Title("Zoom Video Communications, Inc.", "Zoom", "5.{10-17}.{0-9} ({1000-30000})"),
        Title("Adobe Inc.", "Adobe Acrobat Reader DC{| (64-bit)}", "{20|21|22|23}.{001-012}.{20000-20999}"),
        Title("Oracle Corporation", "Java 8 Update {51-202}{| (64-bit)}", "8.0.{510-2020}.{1-20}"),
        Title(
            "JetBrains s.r.o.", "IntelliJ IDEA Community Edition {2023|2024}.{1|2|3}",
            "{231|232|241}.{1000-9999}.{1-99}"),
        Title("Microsoft Corporation", "Microsoft Visual Studio Code{| (User)}", "1.{70-95}.{0-3}"),
        Title(
            "Microsoft Corporation", "Microsoft SQL Server {2017|2019} Express LocalDB", "{14|15}.0.{1000-4000}.{1-9}"),
        Title("Microsoft Corporation", "Microsoft Power BI Desktop (x64)", "2.{100-130}.{100-999}.0"),
        Title("Apple Inc.", "Apple Mobile Device Support", "{14|15|16|17}.{0-9}.{0-9}.{1-9}"),
        Title(
            "Dell Inc.", "Dell {SupportAssist|Command Update|Optimizer|Power Manager Service}",
            "{3|4|5}.{0-9}.{0-9}.{0-99}"),
        Title(
            "The Document Foundation", "LibreOffice {7.5|7.6|24.2|24.8}.{0-7}.{1-3}", "{7.6|24.2|24.8}.{0-7}.{1-3}"),
        Title("Simon Tatham", "PuTTY release 0.{70-81} (64-bit)", "0.{70-81}.0.0"),
    ]

    /// Software of vendors no catalog knows, for the review queue.
    static let unknown: [Title] = [
        Title("{vendor} {GmbH|Ltd.|Inc.|Software|AG|S.A.}", "{vendor} {noun} {noun2}", "{1-12}.{0-9}.{0-999}"),
        Title("{vendor} {GmbH|Ltd.|Inc.}", "{vendor} {noun} {1-12}.{0-9}", "{1-12}.{0-9}"),
        Title("{vendor} Systems", "{noun} {noun2} by {vendor}", "{2019-2025}.{1-12}"),
    ]

    /// The lists that `{name}` parts of templates draw from.
    static let lists: [String: [String]] = [
        "lang": ["en-us", "de-de", "fr-fr", "es-es", "it-it", "nl-nl", "pt-br", "ja-jp", "zh-cn", "pl-pl"],
        "libstem": [
            "ssl3", "curl4", "xml2", "png16-16", "jpeg62-turbo", "z1", "gcrypt20", "gnutls30", "ldap-2.5-0",
            "krb5-3", "sasl2-2", "pam0g", "systemd0", "udev1", "dbus-1-3", "glib2.0-0", "gtk-3-0", "cairo2",
            "pango-1.0-0", "freetype6", "fontconfig1", "harfbuzz0b", "x11-6", "xext6", "xrender1", "xcb1", "drm2",
            "gl1", "gbm1", "wayland-client0", "pulse0", "asound2", "sqlite3-0", "db5.3", "gdbm6", "ncursesw6",
            "tinfo6", "readline8", "ffi8", "expat1", "bz2-1.0", "lzma5", "zstd1", "lz4-1", "archive13", "acl1",
            "attr1", "cap2", "selinux1", "audit1", "seccomp2", "mount1", "blkid1", "uuid1", "smartcols1", "fdisk1",
            "crypt1", "nss3", "nspr4", "p11-kit0", "tasn1-6", "idn2-0", "unistring2", "psl5", "nghttp2-14",
            "ssh-4", "brotli1", "icu72", "boost-system1.74.0", "stdc++6", "gcc-s1", "gomp1", "atomic1",
            "gfortran5", "python3.11", "perl5.36", "lua5.4-0", "tcl8.6", "tk8.6", "tiff6", "webp7", "gif7",
            "avcodec59", "avformat59", "swscale6", "vpx7", "opus0", "vorbis0a", "ogg0", "flac12", "sndfile1",
            "soup-3.0-0", "json-glib-1.0-0", "secret-1-0", "nm0", "bluetooth3", "cups2", "sane1", "usb-1.0-0",
            "input10", "evdev2", "mtdev1", "xkbcommon0", "epoxy0", "vulkan1", "llvm15", "clang-cpp15", "apt-pkg6.0",
            "rpm9", "solv1", "zck1", "yaml-0-2", "jansson4", "pcre2-8-0", "pcre3", "onig5", "magic1", "elf1",
            "dw1", "bpf1", "nl-3-200", "mnl0", "nftnl11", "ip4tc2", "kmod2", "cryptsetup12", "devmapper1.02.1",
        ],
        "pystem": [
            "requests", "urllib3", "six", "yaml", "jinja2", "markupsafe", "cryptography", "cffi", "idna", "certifi",
            "chardet", "dateutil", "tz", "setuptools", "pip", "wheel", "gi", "dbus", "apt", "debian", "distro",
            "netifaces", "psutil", "lxml", "numpy", "pkg-resources", "attr", "blinker", "click", "colorama",
            "configobj", "httplib2", "jwt", "launchpadlib", "oauthlib", "openssl", "pyparsing", "serial", "zipp",
            "importlib-metadata", "jsonschema", "ptyprocess", "pexpect", "babel", "pygments", "docutils",
        ],
        "basestem": [
            "bash", "tar", "gzip", "coreutils", "findutils", "grep", "sed", "gawk", "less", "which", "procps",
            "curl", "wget", "rsync", "openssl", "ca-certificates", "tzdata", "sudo", "util-linux", "e2fsprogs",
            "dbus", "kmod", "pciutils", "usbutils", "lsof", "strace", "make", "cmake", "binutils", "patch", "git",
            "vim", "nano", "zip", "unzip", "expat", "gettext", "ncurses", "readline", "zlib", "sqlite", "gnupg",
            "logrotate", "rsyslog", "chrony", "firewalld", "iptables", "cups", "samba", "openssh", "systemd",
            "glibc", "gcc", "perl", "python3", "gitg", "gnome-calculator", "firefox", "libreoffice", "xorg",
            "pulseaudio", "pipewire", "bluez", "avahi", "polkit", "fontconfig", "freetype", "tmux", "htop", "jq",
        ],
        "perlstem": [
            "Carp", "Encode", "Exporter", "File-Path", "File-Temp", "Getopt-Long", "HTTP-Tiny", "IO", "MIME-Base64",
            "PathTools", "Pod-Usage", "Scalar-List-Utils", "Socket", "Storable", "Text-ParseWords", "Time-Local",
            "constant", "parent", "libs", "interpreter", "Digest-MD5", "Data-Dumper", "Term-ANSIColor", "URI",
        ],
        "fontstem": [
            "dejavu-core", "liberation", "liberation2", "noto-core", "noto-cjk", "noto-color-emoji", "droid-fallback",
            "ubuntu", "urw-base35", "freefont-ttf", "opensymbol", "font-awesome", "lato", "roboto", "cantarell",
        ],
        "girstem": ["glib", "gtk", "gdkpixbuf", "pango", "atk", "secret", "soup", "notify", "nm", "gstreamer", "wnck"],
        "vendor": [
            "Norvik", "Talvex", "Brannor", "Quorix", "Meltan", "Ostvald", "Pelvano", "Drummet", "Kessaly", "Virento",
            "Hallvik", "Sornic", "Tembrel", "Yarrowby", "Feldmoor", "Gastrin", "Lumedo", "Prandel", "Cobaltic",
            "Wendrix", "Ardlow", "Belvane", "Corvatt", "Dunmere",
        ],
        "noun": [
            "Ledger", "Planner", "Field", "Route", "Asset", "Claims", "Payroll", "Shift", "Label", "Quality",
            "Dispatch", "Tender", "Lab", "Sample", "Archive", "Forms", "Kiosk", "Badge", "Fleet", "Grant",
        ],
        "noun2": [
            "Studio", "Manager Console", "Desk", "Suite", "Workbench", "Assistant", "Connect", "Viewer Pro", "Hub",
            "Designer", "Monitor", "Express Edition",
        ],
    ]
}
