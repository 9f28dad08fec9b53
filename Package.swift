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
        // libcurl from the system (Debian: libcurl4-openssl-dev), found via pkg-config.
        .systemLibrary(
            name: "CCurl",
            pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"]), .brew(["curl"])]
        ),
        // IMAP, IMAP IDLE and SMTP over libcurl; Maildir source and sink. (adapter)
        .target(name: "MailTransport", dependencies: ["CCurl"]),
        .testTarget(name: "MailTransportTests", dependencies: ["MailTransport"]),
        // Composition: one function per command.
        .target(name: "MailroomApp", dependencies: ["MailTransport"]),
        .testTarget(name: "MailroomAppTests", dependencies: ["MailroomApp"]),
        // The `mailroom` executable: thin ArgumentParser front.
        .executableTarget(
            name: "MailroomCommand",
            dependencies: [
                "MailroomApp",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Throughput benchmark driven by bench/transport (not a test).
        .executableTarget(name: "TransportBench", dependencies: ["MailTransport"], path: "bench/TransportBench"),
    ],
    swiftLanguageModes: [.v6]
)
