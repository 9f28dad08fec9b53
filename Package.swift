// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "mailroom",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3")
    ],
    targets: [
        // RFC 5322 / MIME parse and build, on bytes. Foundation and iconv only. (pure)
        .target(name: "MailMessage"),
        .testTarget(name: "MailMessageTests", dependencies: ["MailMessage"]),
        // Domain model, threading tokens, loop policy. (pure)
        .target(
            name: "MailroomCore",
            dependencies: ["MailMessage", .product(name: "Crypto", package: "swift-crypto")]
        ),
        .testTarget(name: "MailroomCoreTests", dependencies: ["MailroomCore", "MailMessage"]),
    ],
    swiftLanguageModes: [.v6]
)
