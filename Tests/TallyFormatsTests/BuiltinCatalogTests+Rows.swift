import TallyCore

/// Real raw rows for the built-in catalog's tests, as Add/Remove Programs, macOS, dpkg and rpm report them.
extension BuiltinCatalogTests {
    static let microsoft: [Expected] = [
        Expected(
            "Microsoft Corporation", "Microsoft Office Professional Plus 2019 - en-us", "16.0.10827.20138",
            "microsoft-office-professional-plus", "2019"),
        Expected(
            "Microsoft Corporation", "Microsoft Office Professional Plus 2016", "16.0.4266.1001",
            "microsoft-office-professional-plus", "2016"),
        Expected(
            "Microsoft Corporation", "Microsoft Office LTSC Professional Plus 2021 - de-de", "16.0.14332.20447",
            "microsoft-office-professional-plus", "2021"),
        Expected(
            "Microsoft Corporation", "Microsoft Office Standard 2013", "15.0.4569.1506", "microsoft-office-standard",
            "2013"),
        Expected(
            "Microsoft Corporation", "Microsoft Office Home and Business 2019 - en-us", "16.0.11001.20108",
            "microsoft-office-home-and-business", "2019"),
        Expected(
            "Microsoft Corporation", "Microsoft 365 Apps for enterprise - en-us", "16.0.16827.20166",
            "microsoft-365-apps-for-enterprise"),
        Expected(
            "Microsoft Corporation", "Microsoft Office 365 ProPlus - en-us", "16.0.9126.2282",
            "microsoft-365-apps-for-enterprise"),
        Expected(
            "Microsoft Corporation", "Microsoft Visio Professional 2016 - en-us", "16.0.10730.20102",
            "microsoft-visio-professional", "2016"),
        Expected(
            "Microsoft Corporation", "Microsoft Office Visio Professional 2007", "12.0.6612.1000",
            "microsoft-visio-professional", "2007"),
        Expected(
            "Microsoft Corporation", "Microsoft Visio Standard 2019 - en-us", "16.0.10827.20138",
            "microsoft-visio-standard", "2019"),
        Expected(
            "Microsoft Corporation", "Microsoft Project Professional 2016 - en-us", "16.0.10730.20102",
            "microsoft-project-professional", "2016"),
        Expected(
            "Microsoft Corporation", "Microsoft Project Standard 2016 - en-us", "16.0.10730.20102",
            "microsoft-project-standard", "2016"),
        Expected(
            "Microsoft Corporation", "Microsoft SQL Server 2019 (64-bit)", "15.0.2000.5", "microsoft-sql-server",
            "2019"),
        Expected(
            "Microsoft Corporation", "Microsoft SQL Server 2008 R2 (64-bit)", "10.52.4000.0", "microsoft-sql-server",
            "2008 R2"),
        Expected(
            "Microsoft Corporation", "SQL Server 2022 Enterprise Edition", "16.0.1000.6",
            "microsoft-sql-server-enterprise", "2022"),
        Expected(
            "Microsoft Corporation", "Microsoft SQL Server 2017 Standard Edition (64-bit)", "14.0.1000.169",
            "microsoft-sql-server-standard", "2017"),
        Expected(
            "Microsoft Corporation", "Visual Studio Enterprise 2022", "17.8.34330.188",
            "microsoft-visual-studio-enterprise", "2022"),
        Expected(
            "Microsoft Corporation", "Microsoft Visual Studio Professional 2015 with Updates", "14.0.25420",
            "microsoft-visual-studio-professional", "2015"),
        Expected(
            "Microsoft Corporation", "Microsoft Visual Studio Ultimate 2013", "12.0.21005",
            "microsoft-visual-studio-enterprise", "2013"),
        Expected(
            "Microsoft Corporation", "Microsoft Exchange Server 2016 Cumulative Update 23", "15.1.2507.6",
            "microsoft-exchange-server", "2016"),
        Expected(
            "Microsoft Corporation", "Microsoft SharePoint Server 2019", "16.0.10337.12109",
            "microsoft-sharepoint-server", "2019"),
        Expected(
            "Microsoft Corporation", "Microsoft Windows Server 2022 Datacenter", "10.0.20348",
            "microsoft-windows-server-datacenter", "2022"),
        Expected(
            "Microsoft Corporation", "Microsoft Dynamics NAV 2018", "11.0.19394.0", "microsoft-dynamics-nav", "2018"),
        Expected("Microsoft Corporation", "Microsoft Word", "16.78.3", "microsoft-word"),
    ]

    static let adobeAutodesk: [Expected] = [
        Expected("Adobe Systems Incorporated", "Adobe Acrobat DC (64-bit)", "21.001.20145", "adobe-acrobat", "DC"),
        Expected("Adobe Systems Incorporated", "Adobe Acrobat DC", "19.010.20069", "adobe-acrobat", "DC"),
        Expected("Adobe Inc.", "Adobe Acrobat (64-bit)", "24.002.20857", "adobe-acrobat", "DC"),
        Expected("Adobe Systems Incorporated", "Adobe Acrobat 2017", "17.011.30175", "adobe-acrobat", "2017"),
        Expected("Adobe Systems", "Adobe Acrobat XI Pro", "11.0.23", "adobe-acrobat-pro", "XI"),
        Expected("Adobe Systems", "Adobe Acrobat X Standard", "10.1.16", "adobe-acrobat-standard", "X"),
        Expected("Adobe Inc.", "Adobe Photoshop 2024", "25.4.0.319", "adobe-photoshop", "2024"),
        Expected("Adobe Systems Incorporated", "Adobe Photoshop CC 2019", "20.0.10", "adobe-photoshop", "2019"),
        Expected("Adobe Systems Incorporated", "Adobe Photoshop CS6 (64 Bit)", "13.0.1", "adobe-photoshop", "CS6"),
        Expected("Adobe Inc.", "Adobe Photoshop Elements 2023", "21.0", "adobe-photoshop-elements", "2023"),
        Expected("Adobe Inc.", "Adobe Illustrator 2024", "28.3", "adobe-illustrator", "2024"),
        Expected("Adobe Inc.", "Adobe InDesign 2023", "18.5.2", "adobe-indesign", "2023"),
        Expected("Adobe Inc.", "Adobe Premiere Pro 2024", "24.2.1", "adobe-premiere-pro", "2024"),
        Expected("Adobe Inc.", "Adobe After Effects CC 2019", "16.1.3", "adobe-after-effects", "2019"),
        Expected("Adobe Inc.", "Adobe Creative Cloud", "6.1.0.587", "adobe-creative-cloud"),
        Expected("Adobe Inc.", "Adobe Lightroom Classic", "13.2", "adobe-lightroom-classic"),
        Expected("Autodesk", "AutoCAD 2024 - English", "T.114.0.0", "autodesk-autocad", "2024"),
        Expected("Autodesk, Inc.", "Autodesk AutoCAD 2018 - English", "22.0.49.0", "autodesk-autocad", "2018"),
        Expected("Autodesk", "AutoCAD LT 2023 - English", "T.54.0.0", "autodesk-autocad-lt", "2023"),
        Expected(
            "Autodesk", "AutoCAD Architecture 2022 - English", "8.5.44.0", "autodesk-autocad-architecture", "2022"),
        Expected("Autodesk", "AutoCAD Mechanical 2024 - English", "T.114.0.0", "autodesk-autocad-mechanical", "2024"),
        Expected("Autodesk", "AutoCAD Electrical 2023 - English", "T.54.0.0", "autodesk-autocad-electrical", "2023"),
        Expected("Autodesk", "Autodesk AutoCAD Civil 3D 2018", "12.0.842.0", "autodesk-civil-3d", "2018"),
        Expected("Autodesk", "Autodesk Civil 3D 2024", "13.6.1781.0", "autodesk-civil-3d", "2024"),
        Expected("Autodesk", "Autodesk Revit 2024", "24.1.10.26", "autodesk-revit", "2024"),
        Expected("Autodesk", "Autodesk Revit LT 2023", "23.1.30.97", "autodesk-revit-lt", "2023"),
        Expected(
            "Autodesk", "Autodesk Inventor Professional 2024", "28.20.27200.0", "autodesk-inventor-professional", "2024"
        ),
        Expected("Autodesk", "Autodesk 3ds Max 2024", "26.0.0.0", "autodesk-3ds-max", "2024"),
        Expected("Autodesk", "Autodesk Maya 2023", "23.3.0.1134", "autodesk-maya", "2023"),
        Expected("Autodesk", "Autodesk Navisworks Manage 2024", "21.0.1377.65", "autodesk-navisworks-manage", "2024"),
        Expected("Autodesk, Inc.", "Autodesk Fusion 360", "2.0.17954", "autodesk-fusion"),
    ]

    static let enterprise: [Expected] = [
        Expected("Oracle Corporation", "Java 8 Update 351 (64-bit)", "8.0.3510.10", "oracle-java-se", "8"),
        Expected(
            "Oracle Corporation", "Java SE Development Kit 8 Update 401 (64-bit)", "8.0.4010.1", "oracle-java-se", "8"),
        Expected(
            "Oracle Corporation", "Java(TM) SE Development Kit 11.0.21 (64-bit)", "11.0.21.0", "oracle-java-se", "11"),
        Expected(
            "Oracle Corporation", "Java(TM) SE Development Kit 17.0.13 (64-bit)", "17.0.13.0", "oracle-java-se", "17"),
        Expected(nil, "Oracle Database 19c Enterprise Edition", "19.3.0.0.0", "oracle-database-enterprise", "19c"),
        Expected("Oracle", "oracle-database-ee-19c", "1.0-1", "oracle-database-enterprise", "19c"),
        Expected(
            "Oracle Corporation", "Oracle VM VirtualBox Extension Pack", "7.0.12", "oracle-virtualbox-extension-pack"),
        Expected("Oracle Corporation", "Oracle WebLogic Server 12c", "12.2.1.4", "oracle-weblogic-server"),
        Expected("IBM Corp.", "IBM SPSS Statistics 29", "29.0.1.0", "ibm-spss-statistics", "29"),
        Expected("IBM", "IBM SPSS Amos 28", "28.0.0.0", "ibm-spss-amos", "28"),
        Expected("IBM", "IBM Db2 Enterprise Server Edition", "11.5.8.0", "ibm-db2", "11.5"),
        Expected(
            "IBM", "IBM WebSphere Application Server Network Deployment", "9.0.5.17",
            "ibm-websphere-application-server-nd", "9.0"),
        Expected("IBM", "IBM Notes 9.0.1", "9.0.10", "ibm-notes"),
        Expected("HCL", "HCL Notes", "12.0.2", "hcl-notes", "12"),
        Expected("IBM", "IBM Cognos Analytics", "11.2.4", "ibm-cognos-analytics"),
        Expected("IBM", "IBM Rational DOORS 9.7.2.5", "9.7.2.5", "ibm-rational-doors"),
        Expected("VMware, Inc.", "VMware Workstation", "17.5.0", "vmware-workstation-pro", "17"),
        Expected("VMware, Inc.", "VMware Player", "16.2.5", "vmware-workstation-player", "16"),
        Expected("VMware, Inc.", "VMware Fusion", "13.5.0", "vmware-fusion", "13"),
        Expected("VMware, Inc.", "VMware Horizon Agent", "8.10.0", "vmware-horizon"),
        Expected("SAP", "SAP GUI for Windows 7.70 (Patch 3)", "7.70.3", "sap-gui", "7.70"),
        Expected("SAP", "SAP Crystal Reports 2020", "14.3.2.4121", "sap-crystal-reports", "2020"),
        Expected(
            "SAP", "SAP BusinessObjects Analysis, edition for Microsoft Office", "2.8.10", "sap-analysis-for-office"),
        Expected("SAP", "SAP PowerDesigner 16.7", "16.7.5", "sap-powerdesigner"),
        Expected("MathWorks", "MATLAB R2023b", "23.2.0.2365128", "mathworks-matlab", "R2023b"),
        Expected("MathWorks", "Polyspace R2022a", "9.12", "mathworks-polyspace", "R2022a"),
        Expected("ANSYS, Inc.", "ANSYS 2023 R1", "23.1", "ansys-workbench", "2023 R1"),
        Expected("ANSYS, Inc.", "ANSYS Electromagnetics Suite 23.1", "23.1", "ansys-electronics-desktop", "23.1"),
        Expected("Siemens", "Siemens NX 2212", "2212.4000", "siemens-nx", "2212"),
        Expected("Siemens", "Siemens Solid Edge 2024", "224.00.00.104", "siemens-solid-edge", "2024"),
        Expected("Siemens", "Simcenter STAR-CCM+ 2306", "18.04.008", "siemens-simcenter-star-ccm"),
        Expected("Siemens AG", "Totally Integrated Automation Portal V17", "17.0", "siemens-tia-portal", "V17"),
        Expected("Dassault Systemes SolidWorks Corp", "SOLIDWORKS 2023 SP02", "31.2.0", "dassault-solidworks", "2023"),
        Expected("Dassault Systemes", "CATIA P3 V5-6R2021", "5.31", "dassault-catia", "V5-6R2021"),
        Expected("Dassault Systemes", "Abaqus 2023", "2023", "dassault-abaqus", "2023"),
    ]

    static let tools: [Expected] = [
        Expected(
            "JetBrains s.r.o.", "IntelliJ IDEA 2023.2.1", "232.9559.62", "jetbrains-intellij-idea-ultimate", "2023.2"),
        Expected("JetBrains s.r.o.", "PyCharm 2024.1", "241.14494.241", "jetbrains-pycharm-professional", "2024.1"),
        Expected("JetBrains s.r.o.", "WebStorm 2023.3.4", "233.14475.40", "jetbrains-webstorm", "2023.3"),
        Expected("JetBrains s.r.o.", "JetBrains Rider 2024.1.2", "241.15989.179", "jetbrains-rider", "2024.1"),
        Expected(
            "JetBrains s.r.o.", "JetBrains ReSharper in Visual Studio 2022", "2023.2.1", "jetbrains-resharper",
            "2023.2"),
        Expected("Atlassian", "Atlassian Jira 9.4.0", "9.4.0", "atlassian-jira-software", "9"),
        Expected("Atlassian", "Atlassian Confluence 7.19.5", "7.19.5", "atlassian-confluence", "7"),
        Expected(
            "Corel Corporation", "CorelDRAW Graphics Suite 2021 (64-Bit)", "23.0.0.363",
            "corel-coreldraw-graphics-suite", "2021"),
        Expected(
            "Corel Corporation", "CorelDRAW Graphics Suite X8 (64-Bit)", "18.0.0.448",
            "corel-coreldraw-graphics-suite", "X8"),
        Expected("Nitro", "Nitro Pro", "13.70.0.30", "nitro-pro"),
        Expected("Nitro", "Nitro Pro 13", "13.2.3.26", "nitro-pro", "13"),
        Expected("Foxit Software Inc.", "Foxit PhantomPDF", "10.1.4.37651", "foxit-pdf-editor"),
        Expected("Foxit Software Inc.", "Foxit PDF Editor Pro", "12.1.2.15332", "foxit-pdf-editor-pro"),
        Expected("TeamViewer", "TeamViewer", "15.40.8", "teamviewer", "15"),
        Expected("TeamViewer", "TeamViewer Host", "15.40.8", "teamviewer-host", "15"),
        Expected(
            "Citrix Systems, Inc.", "Citrix Virtual Delivery Agent 2203", "2203.0.2000.2076",
            "citrix-virtual-apps-and-desktops"),
        Expected(
            "Bentley Systems, Incorporated", "MicroStation CONNECT Edition", "10.17.02.61", "bentley-microstation",
            "CONNECT"),
        Expected(
            "Bentley Systems, Incorporated", "Bentley MicroStation V8i (SELECTseries 4)", "08.11.09.459",
            "bentley-microstation", "V8i"),
        Expected("Esri", "ArcGIS Pro", "3.1.41833", "esri-arcgis-pro", "3.1"),
        Expected(
            "Environmental Systems Research Institute, Inc.", "ArcGIS 10.8 for Desktop", "10.8.12790",
            "esri-arcgis-desktop", "10.8"),
        Expected("Minitab, LLC", "Minitab 21", "21.4.1.0", "minitab", "21"),
        Expected("StataCorp LLC", "Stata 18 (64-bit)", "18.0", "stata", "18"),
        Expected("SAS Institute Inc.", "SAS 9.4 (TS1M7)", "9.4.7", "sas", "9.4"),
        Expected("SAS Institute Inc.", "SAS Enterprise Guide 8.3", "8.3.0.103", "sas-enterprise-guide"),
        Expected("JMP Statistical Discovery LLC", "JMP Pro 17", "17.2.0", "jmp-pro", "17"),
        Expected("Wolfram Research, Inc.", "Wolfram Mathematica 13.3", "13.3.0.0", "wolfram-mathematica", "13.3"),
        Expected("Waterloo Maple Inc.", "Maple 2023", "2023.0", "maplesoft-maple", "2023"),
        Expected("Tableau Software", "Tableau 2023.2 (20232.23.0611.2007)", "23.2.1209", "tableau-desktop", "2023.2"),
        Expected("Tableau Software", "Tableau Prep Builder 2023.1", "2023.1", "tableau-prep-builder"),
        Expected("QlikTech International AB", "QlikView November 2017 SR7", "12.20.20700", "qlikview"),
        Expected("Altium Limited", "Altium Designer", "23.8.1.32", "altium-designer", "23"),
        Expected("Cadence Design Systems, Inc.", "Cadence SPB/OrCAD 17.4-2019", "17.40.000", "cadence-allegro"),
        Expected("Cadence Design Systems, Inc.", "OrCAD Capture CIS 17.2", "17.20.000", "cadence-orcad"),
        Expected("Synopsys, Inc.", "Coverity Analysis 2023.6.0", "2023.6.0", "synopsys-coverity"),
        Expected("National Instruments", "NI LabVIEW 2023 Q3 (64-bit)", "23.3.0.49152", "ni-labview", "2023"),
        Expected("NI", "NI TestStand 2022 Q4 (64-bit)", "22.0.0.49152", "ni-teststand", "2022"),
        Expected("Parallels International GmbH", "Parallels Desktop", "19.1.0", "corel-parallels-desktop"),
        Expected("Corel Corporation", "WinZip 28.0", "28.0.15620", "corel-winzip", "28"),
        Expected("win.rar GmbH", "WinRAR 6.24 (64-bit)", "6.24.0", "winrar", "6"),
        Expected("TechSmith Corporation", "Snagit 2024", "24.1.0.1213", "techsmith-snagit", "2024"),
        Expected("TechSmith Corporation", "Camtasia 2023", "23.3.0.48455", "techsmith-camtasia", "2023"),
        Expected("Bluebeam, Inc.", "Bluebeam Revu 21", "21.0.50", "bluebeam-revu"),
        Expected("Trimble, Inc.", "SketchUp 2023", "23.0.419", "trimble-sketchup-pro", "2023"),
        Expected("Robert McNeel & Associates", "Rhinoceros 7 SR34", "7.34.23267.11001", "mcneel-rhinoceros", "7"),
        Expected("Docker Inc.", "Docker Desktop", "4.25.2", "docker-desktop"),
        Expected("Red Hat, Inc.", "eap7-wildfly", "7.4.13-1.GA_redhat_00001.1.el8eap", "redhat-jboss-eap"),
        Expected("Veeam Software Group GmbH", "Veeam Backup & Replication", "12.0.0.1420", "veeam-backup-replication"),
        Expected("CrowdStrike, Inc.", "CrowdStrike Windows Sensor", "7.05.17706.0", "crowdstrike-falcon"),
        Expected("Sublime HQ Pty Ltd", "Sublime Text", "4169", "sublime-text"),
    ]

    /// Free editions and free tools of commercial publishers: ignored, before the paid product of the same name.
    static let freeEditions: [SoftwareTitle] = [
        SoftwareTitle(
            publisher: "Adobe Systems Incorporated", name: "Adobe Acrobat Reader DC", version: "21.001.20145"),
        SoftwareTitle(publisher: "Adobe Inc.", name: "Adobe Acrobat Reader DC MUI", version: "23.003.20244"),
        SoftwareTitle(
            publisher: "Microsoft Corporation", name: "Microsoft Visual Studio Community 2019", version: "16.11"),
        SoftwareTitle(publisher: "Microsoft Corporation", name: "Visual Studio Community 2022", version: "17.8.3"),
        SoftwareTitle(
            publisher: "Microsoft Corporation", name: "Microsoft SQL Server 2019 Express LocalDB", version: "15.0"),
        SoftwareTitle(publisher: "Microsoft Corporation", name: "Microsoft SQL Server 2014 Express", version: "12.0"),
        SoftwareTitle(
            publisher: "Microsoft Corporation", name: "Microsoft Power BI Desktop (x64)", version: "2.124.1052.0"),
        SoftwareTitle(
            publisher: "Microsoft Corporation", name: "Microsoft Visual Studio Code (User)", version: "1.85.1"),
        SoftwareTitle(
            publisher: "JetBrains s.r.o.", name: "IntelliJ IDEA Community Edition 2023.2.1", version: "232.9559.62"),
        SoftwareTitle(
            publisher: "JetBrains s.r.o.", name: "PyCharm Community Edition 2024.1", version: "241.14494.241"),
        SoftwareTitle(publisher: "Oracle Corporation", name: "Java 8 Update 202 (64-bit)", version: "8.0.2020.8"),
        SoftwareTitle(publisher: "Oracle Corporation", name: "Java 8 Update 45", version: "8.0.450.15"),
        SoftwareTitle(
            publisher: "Oracle Corporation", name: "Java(TM) SE Development Kit 17.0.5 (64-bit)", version: "17.0.5.0"),
        SoftwareTitle(publisher: "Oracle Corporation", name: "Oracle VM VirtualBox 7.0.12", version: "7.0.12"),
        SoftwareTitle(publisher: "Oracle Corporation", name: "MySQL Workbench 8.0 CE", version: "8.0.34"),
        SoftwareTitle(publisher: "Atlassian", name: "Sourcetree", version: "3.4.15"),
        SoftwareTitle(publisher: "Tableau Software", name: "Tableau Reader 2023.1", version: "2023.1"),
        SoftwareTitle(publisher: "Foxit Software Inc.", name: "Foxit PDF Reader", version: "2023.3.0.23028"),
        SoftwareTitle(publisher: "TeamViewer", name: "TeamViewer QuickSupport", version: "15.40.8"),
        SoftwareTitle(publisher: "Autodesk", name: "Autodesk DWG TrueView 2024 - English", version: "24.3.61.0"),
        SoftwareTitle(publisher: "Autodesk", name: "Autodesk Navisworks Freedom 2024", version: "21.0"),
        SoftwareTitle(publisher: "Dassault Systemes", name: "eDrawings 2023", version: "31.2.0"),
        SoftwareTitle(publisher: "MathWorks", name: "MATLAB Runtime R2023b", version: "23.2"),
        SoftwareTitle(publisher: "VMware, Inc.", name: "VMware vSphere Client 6.0", version: "6.0.0"),
        SoftwareTitle(publisher: "Citrix Systems, Inc.", name: "Citrix Workspace 2309", version: "23.9.0.45"),
        SoftwareTitle(
            publisher: "SAP", name: "SAP Crystal Reports runtime engine for .NET Framework (64-bit)", version: "13.0.32"
        ),
        SoftwareTitle(publisher: "Qlik", name: "Qlik Sense Desktop", version: "14.0"),
    ]

    /// Operating-system packages, drivers, runtimes and updates.
    static let systemRows: [SoftwareTitle] = [
        SoftwareTitle(publisher: "", name: "libc6", version: "2.36-9"),
        SoftwareTitle(publisher: nil, name: "python3-requests", version: "2.28.1-1"),
        SoftwareTitle(publisher: nil, name: "linux-image-6.1.0-18-amd64", version: "6.1.76-1"),
        SoftwareTitle(publisher: nil, name: "perl-base", version: "5.36.0-7+deb12u1"),
        SoftwareTitle(publisher: nil, name: "systemd", version: "252.22-1~deb12u1"),
        SoftwareTitle(publisher: nil, name: "gcc-12", version: "12.2.0-14"),
        SoftwareTitle(publisher: nil, name: "fonts-dejavu-core", version: "2.37-6"),
        SoftwareTitle(publisher: nil, name: "libreoffice-calc", version: "4:7.4.7-1"),
        SoftwareTitle(publisher: "CentOS", name: "kernel", version: "4.18.0-513.el8"),
        SoftwareTitle(publisher: "Red Hat, Inc.", name: "glibc", version: "2.34-60.el9"),
        SoftwareTitle(
            publisher: "Microsoft Corporation",
            name: "Microsoft Visual C++ 2015-2022 Redistributable (x64) - 14.38.33130", version: "14.38.33130.0"),
        SoftwareTitle(
            publisher: "Microsoft Corporation", name: "Microsoft .NET Runtime - 6.0.25 (x64)", version: "48.103.9296"),
        SoftwareTitle(
            publisher: "Microsoft Corporation", name: "Security Update for Windows 10 (KB5034441)", version: nil),
        SoftwareTitle(
            publisher: "Microsoft Corporation", name: "Update for Windows 10 for x64-based Systems (KB5001716)",
            version: "8.94.0.0"),
        SoftwareTitle(
            publisher: "Intel Corporation", name: "Intel(R) Chipset Device Software", version: "10.1.18793.8276"),
        SoftwareTitle(publisher: "NVIDIA Corporation", name: "NVIDIA Graphics Driver 537.42", version: "537.42"),
        SoftwareTitle(
            publisher: "Realtek Semiconductor Corp.", name: "Realtek High Definition Audio Driver",
            version: "6.0.9239.1"),
        SoftwareTitle(publisher: "Google LLC", name: "Google Chrome", version: "120.0.6099.130"),
        SoftwareTitle(publisher: "Mozilla", name: "Mozilla Firefox (x64 en-US)", version: "121.0"),
        SoftwareTitle(publisher: "Microsoft Corporation", name: "Microsoft Edge", version: "120.0.2210.91"),
        SoftwareTitle(publisher: "Igor Pavlov", name: "7-Zip 23.01 (x64)", version: "23.01"),
        SoftwareTitle(publisher: "VideoLAN", name: "VLC media player", version: "3.0.20"),
        SoftwareTitle(publisher: "Notepad++ Team", name: "Notepad++ (64-bit x64)", version: "8.6"),
        SoftwareTitle(publisher: "The Git Development Community", name: "Git", version: "2.43.0"),
        SoftwareTitle(publisher: "Python Software Foundation", name: "Python 3.11.5 (64-bit)", version: "3.11.5150.0"),
        SoftwareTitle(
            publisher: "Eclipse Adoptium", name: "Eclipse Temurin JDK with Hotspot 17.0.9+9 (x64)", version: "17.0.9"),
    ]

    /// Language packs, proofing tools, updates and service packs, and the suite each belongs to.
    static let suiteParts: [(SoftwareTitle, String)] = [
        (
            SoftwareTitle(
                publisher: "Microsoft Corporation", name: "Microsoft Office Proofing Tools 2016 - Deutsch",
                version: "16.0.4266.1001"), "microsoft-office"
        ),
        (
            SoftwareTitle(
                publisher: "Microsoft Corporation", name: "Microsoft Office Language Pack 2010 - German/Deutsch",
                version: "14.0.7015.1000"), "microsoft-office"
        ),
        (
            SoftwareTitle(
                publisher: "Microsoft Corporation", name: "Microsoft Office 2016 Language Pack", version: nil),
            "microsoft-office"
        ),
        (
            SoftwareTitle(
                publisher: "Microsoft Corporation", name: "Microsoft Office Shared MUI (English) 2016",
                version: "16.0.4266.1001"), "microsoft-office"
        ),
        (
            SoftwareTitle(
                publisher: "Microsoft Corporation", name: "Update for Microsoft Office 2016 (KB4011035) 32-Bit Edition",
                version: nil), "microsoft-office"
        ),
        (
            SoftwareTitle(
                publisher: "Microsoft Corporation",
                name: "Security Update for Microsoft Excel 2013 (KB5002104) 64-Bit Edition", version: nil),
            "microsoft-office"
        ),
        (
            SoftwareTitle(
                publisher: "Microsoft Corporation",
                name: "Service Pack 2 for Microsoft Office 2013 (KB2850036) 32-Bit Edition", version: nil),
            "microsoft-office"
        ),
        (
            SoftwareTitle(
                publisher: "Microsoft Corporation", name: "SQL Server 2019 Database Engine Services",
                version: "15.0.2000.5"), "microsoft-sql-server"
        ),
        (
            SoftwareTitle(
                publisher: "Microsoft Corporation", name: "Microsoft SQL Server 2019 Setup (English)",
                version: "15.0.4013.40"), "microsoft-sql-server"
        ),
        (
            SoftwareTitle(
                publisher: "Autodesk", name: "AutoCAD 2024 Language Pack - Deutsch (German)", version: "T.114.0.0"),
            "autodesk-autocad"
        ),
        (
            SoftwareTitle(publisher: "Autodesk", name: "Autodesk Revit Content Libraries 2024", version: "24.0.0"),
            "autodesk-revit"
        ),
        (
            SoftwareTitle(
                publisher: "Corel Corporation", name: "CorelDRAW Graphics Suite 2021 - Draw", version: "23.0.0.363"),
            "corel-coreldraw"
        ),
        (
            SoftwareTitle(publisher: "Adobe Inc.", name: "Adobe Media Encoder 2024", version: "24.2"),
            "adobe-creative-cloud"
        ),
    ]
}
