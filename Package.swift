// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "mailroom",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "mailroom", targets: ["MailroomCommand"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        // RFC 5322 / MIME parse and build, on bytes. Foundation and iconv only. (pure)
        .target(name: "MailMessage"),
        // Composition: one function per command, configuration, services, wiring.
        .target(name: "MailroomApp", dependencies: ["MailMessage"]),
        // The `mailroom` executable: ArgumentParser subcommands, each calling one MailroomApp function.
        .executableTarget(
            name: "MailroomCommand",
            dependencies: ["MailroomApp", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .testTarget(name: "MailMessageTests", dependencies: ["MailMessage"]),
    ],
    swiftLanguageModes: [.v6]
)
