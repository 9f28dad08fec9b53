// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "mailroom",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "mailroom", targets: ["MailroomCommand"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2")
    ],
    targets: [
        // RFC 5322 / MIME parse and build, on bytes. Foundation and iconv only. (pure)
        .target(name: "MailMessage"),
        .testTarget(name: "MailMessageTests", dependencies: ["MailMessage"]),
        // Tokenising, features, intent classifier, calibration, signals, similarity index. (pure)
        .target(name: "Triage"),
        .testTarget(name: "TriageTests", dependencies: ["Triage"]),
        // Domain model and decision policy. (pure)
        .target(name: "MailroomCore", dependencies: ["Triage"]),
        .testTarget(name: "MailroomCoreTests", dependencies: ["MailroomCore"]),
        // Composition: one function per command; the built-in intent model as a resource.
        .target(
            name: "MailroomApp",
            dependencies: ["Triage", "MailroomCore"],
            resources: [.copy("Resources/default-intents.model")]
        ),
        .testTarget(name: "MailroomAppTests", dependencies: ["MailroomApp"]),
        // The `mailroom` executable: thin ArgumentParser front.
        .executableTarget(
            name: "MailroomCommand",
            dependencies: [
                "MailroomApp",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Similarity-index latency benchmark driven by bench/triage (not a test).
        .executableTarget(name: "TriageBench", dependencies: ["Triage"], path: "bench/TriageBench"),
    ],
    swiftLanguageModes: [.v6]
)
