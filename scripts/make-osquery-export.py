#!/usr/bin/env python3
"""Makes an osqueryd results log of a fleet, for benchmarks: one snapshot line per device and query, as osqueryd
writes them with `--logger_plugin=filesystem` and a scheduled query of `programs` (Windows), `apps` (macOS) or
`deb_packages` (Linux).

    scripts/make-osquery-export.py DEVICES OUTPUT.log [SEED]

Devices are 70% Windows (about 200 programs each), 20% macOS (about 100 apps), 10% Linux (about 1,000 packages):
commercial titles as Windows and macOS name them, free software, in-house tools no catalog knows, and operating
system packages, with versions and install dates that vary from device to device.
"""
import json
import random
import sys

COMMERCIAL = [
    ("Microsoft Corporation", "Microsoft Office Professional Plus 2019 - en-us", "16.0.{}.{}"),
    ("Microsoft Corporation", "Microsoft Office Standard 2016", "16.0.{}.{}"),
    ("Microsoft Corporation", "Microsoft Visio Professional 2016", "16.0.{}.{}"),
    ("Microsoft Corporation", "Microsoft Project Professional 2019 - en-us", "16.0.{}.{}"),
    ("Microsoft Corporation", "Microsoft SQL Server 2019 (64-bit)", "15.0.{}.{}"),
    ("Microsoft Corporation", "Microsoft Visual Studio Professional 2022", "17.{}.{}"),
    ("Adobe Inc.", "Adobe Acrobat DC (64-bit)", "23.{}.{}"),
    ("Adobe Inc.", "Adobe Photoshop 2023", "24.{}.{}"),
    ("Adobe Inc.", "Adobe Illustrator 2023", "27.{}.{}"),
    ("Autodesk", "AutoCAD 2023 - English", "24.2.{}.{}"),
    ("Autodesk", "Autodesk Revit 2023", "23.1.{}.{}"),
    ("MathWorks", "MATLAB R2022b", "9.13.{}.{}"),
    ("JetBrains s.r.o.", "IntelliJ IDEA 2023.1", "231.{}.{}"),
    ("VMware, Inc.", "VMware Workstation", "17.0.{}.{}"),
    ("TechSmith Corporation", "Snagit 2023", "23.{}.{}"),
    ("Oracle Corporation", "Java 8 Update 361 (64-bit)", "8.0.{}.{}"),
    ("Dassault Systemes", "SOLIDWORKS 2022 SP5.0", "30.50.{}.{}"),
    ("IBM", "IBM SPSS Statistics 28", "28.0.{}.{}"),
]
FREE = [
    ("Google LLC", "Google Chrome", "119.0.{}.{}"),
    ("Mozilla", "Mozilla Firefox (x64 en-US)", "120.0.{}"),
    ("Igor Pavlov", "7-Zip 22.01 (x64)", "22.01"),
    ("VideoLAN", "VLC media player", "3.0.{}"),
    ("Notepad++ Team", "Notepad++ (64-bit x64)", "8.5.{}"),
    ("Microsoft Corporation", "Microsoft Visual C++ 2015-2022 Redistributable (x64) - 14.36.32532", "14.36.{}.0"),
    ("Microsoft Corporation", "Microsoft Edge", "119.0.{}.{}"),
    ("The Git Development Community", "Git", "2.42.{}"),
    ("Python Software Foundation", "Python 3.11.4 (64-bit)", "3.11.{}"),
    ("Intel Corporation", "Intel(R) Graphics Driver", "31.0.{}.{}"),
]


def version(pattern, rng):
    """One of six builds of a title, as a fleet mostly runs a few builds of each."""
    build = random.Random(pattern + str(rng.randint(0, 5)))
    return pattern.format(*(build.randint(1, 9999) for _ in range(pattern.count("{}"))))


def windows(rng, tools):
    rows = []
    for publisher, name, pattern in rng.sample(COMMERCIAL, rng.randint(2, 8)) + FREE:
        rows.append({"name": name, "version": version(pattern, rng), "publisher": publisher,
                     "install_date": f"20{rng.randint(18, 23)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"})
    for i in rng.sample(range(len(tools)), 180):
        rows.append({"name": tools[i], "version": f"{i % 7 + 1}.{rng.randint(0, 2)}", "publisher": "Contoso IT",
                     "install_date": ""})
    return rows


def macos(rng, tools):
    rows = [{"name": name.split(" (")[0] + ".app", "bundle_name": name.split(" (")[0],
             "bundle_short_version": version(pattern, rng), "bundle_identifier": "com.example." + str(i)}
            for i, (publisher, name, pattern) in enumerate(rng.sample(COMMERCIAL, 3) + FREE[:5])]
    rows += [{"name": t + ".app", "bundle_name": t, "bundle_short_version": "1.0", "bundle_identifier": "com.contoso." + t}
             for t in rng.sample(tools, 90)]
    return rows


def linux(rng, packages):
    return [{"name": p, "version": f"{len(p) % 5 + 1}.{rng.randint(0, 3)}-1", "arch": "amd64",
             "maintainer": "Ubuntu Developers", "source": p} for p in rng.sample(packages, 1000)]


def main():
    if len(sys.argv) not in (3, 4):
        sys.exit("usage: make-osquery-export.py DEVICES OUTPUT.log [SEED]")
    devices, output = int(sys.argv[1]), sys.argv[2]
    rng = random.Random(int(sys.argv[3]) if len(sys.argv) == 4 else 1)
    tools = [f"Contoso Tool {i}" for i in range(5000)]
    packages = [f"lib{w}{i}" for i in range(800) for w in ("ssl", "gtk")] + [f"python3-mod{i}" for i in range(1000)]
    with open(output, "w") as out:
        for n in range(devices):
            host = f"ws-{n:05d}.corp.example.com"
            kind = rng.random()
            if kind < 0.7:
                query, rows = "pack_inventory_programs", windows(rng, tools)
            elif kind < 0.9:
                query, rows = "pack_inventory_apps", macos(rng, tools)
            else:
                query, rows = "pack_inventory_deb_packages", linux(rng, packages)
            line = {"name": query, "hostIdentifier": host, "calendarTime": "Sun Nov 29 08:00:00 2026 UTC",
                    "unixTime": 1796025600, "epoch": 0, "counter": 0, "numerics": False,
                    "decorations": {"hostname": host}, "snapshot": rows, "action": "snapshot"}
            out.write(json.dumps(line, separators=(",", ":")) + "\n")


if __name__ == "__main__":
    main()
