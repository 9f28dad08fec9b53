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
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
    ],
    targets: [
        // RFC 5322 / MIME parse and build, on bytes. Foundation and iconv only. (pure)
        .target(name: "MailMessage"),
        .testTarget(name: "MailMessageTests", dependencies: ["MailMessage"]),
        // Composition: one function per command; reply templates.
        .target(
            name: "MailroomApp",
            dependencies: ["MailMessage", .product(name: "Mustache", package: "swift-mustache")]
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
    ],
    swiftLanguageModes: [.v6]
)
