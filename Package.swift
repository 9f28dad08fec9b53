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
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-configuration", from: "1.4.0", traits: ["YAML"]),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
    ],
    targets: [
        // RFC 5322 / MIME parse and build, on bytes. Foundation and iconv only. (pure)
        .target(name: "MailMessage"),
        // Tokenising, features, intent classifier, calibration, signals, similarity index. (pure)
        .target(name: "Triage", dependencies: [.product(name: "Crypto", package: "swift-crypto")]),
        // Domain model, threading, loop and decision policies, the message pipeline, and the ports. (pure)
        .target(
            name: "MailroomCore",
            dependencies: ["MailMessage", "Triage", .product(name: "Crypto", package: "swift-crypto")]
        ),
        // SQLite through GRDB: migrations, records, the one object that owns all writes. (adapter)
        .target(
            name: "MailroomStore",
            dependencies: ["MailroomCore", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        // PostgreSQL through postgres-nio: the shared store for several gateways (its own named migrations,
        // SKIP LOCKED claims, mailbox leases with fencing, LISTEN/NOTIFY), behind the same store ports. (adapter)
        .target(
            name: "MailroomPostgres",
            dependencies: [
                "MailroomCore", "MailroomStore",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // An optional LLM backend over the chat-completions protocol (async-http-client): a strict triage schema,
        // validation, retries within a budget, a circuit breaker. The local model stays the floor. (adapter)
        .target(
            name: "MailroomLLM",
            dependencies: [
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // libcurl from the system (Debian: libcurl4-openssl-dev), found via pkg-config.
        .systemLibrary(
            name: "CCurl",
            pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"]), .brew(["curl"])]
        ),
        // IMAP, IMAP IDLE and SMTP over libcurl; Maildir source and sink. (adapter)
        .target(name: "MailTransport", dependencies: ["CCurl"]),
        // The HTTP API, health, metrics, feedback pages and the ops console (Mustache pages) over Hummingbird 2;
        // its controllers depend only on the operations it declares, which the composition implements. (adapter)
        .target(
            name: "MailroomHTTP",
            dependencies: [
                "MailroomCore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
            ],
            resources: [
                .copy("Resources/openapi.json"), .copy("Resources/docs.html"), .copy("Resources/docs.js"),
                .copy("Resources/mailroom.css"), .copy("Resources/console.js"), .copy("Resources/console"),
            ]
        ),
        // Composition: one function per command, configuration, services, wiring.
        .target(
            name: "MailroomApp",
            dependencies: [
                "MailMessage", "Triage", "MailroomCore", "MailroomStore", "MailroomPostgres", "MailroomLLM",
                "MailTransport", "MailroomHTTP", .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Configuration", package: "swift-configuration"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            resources: [
                .copy("Resources/default-intents.model"), .copy("Resources/templates"), .copy("Resources/prompts"),
            ]
        ),
        // The `mailroom` executable: ArgumentParser subcommands, each calling one MailroomApp function.
        .executableTarget(
            name: "MailroomCommand",
            dependencies: [
                "MailroomApp", "MailroomCore", .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(name: "MailMessageTests", dependencies: ["MailMessage"]),
        .testTarget(name: "TriageTests", dependencies: ["Triage"]),
        .testTarget(
            name: "MailroomCoreTests",
            dependencies: ["MailroomCore", "MailMessage", .product(name: "Crypto", package: "swift-crypto")]),
        .testTarget(
            name: "MailroomStoreTests", dependencies: ["MailroomStore", "MailroomPostgres", "LiveServerSupport"]),
        .testTarget(
            name: "MailroomHTTPTests",
            dependencies: [
                "MailroomHTTP", "MailroomApp", "MailroomCore", "MailroomStore", "MailMessage", "LiveServerSupport",
                "ChatServerSupport", .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Hummingbird", package: "hummingbird"),
            ]
        ),
        // Triage for its SeededGenerator (repeatable generated inputs).
        .testTarget(name: "MailTransportTests", dependencies: ["MailTransport", "LiveServerSupport", "Triage"]),
        .testTarget(
            name: "MailroomLLMTests",
            dependencies: [
                "MailroomLLM", "ChatServerSupport", .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]),
        .testTarget(
            name: "MailroomAppTests",
            dependencies: [
                "MailroomApp", "MailroomCore", "MailroomStore", "MailroomPostgres", "MailMessage", "MailTransport",
                "Triage", "LiveServerSupport", "ChatServerSupport", "MailroomLLM",
                .product(name: "Configuration", package: "swift-configuration"),
                .product(name: "Mustache", package: "swift-mustache"),
            ]
        ),
        // What the live suites share: the test mail servers of scripts/mail-servers, users, the sink, processes.
        .target(name: "LiveServerSupport", dependencies: ["MailTransport"], path: "Tests/LiveServerSupport"),
        // A chat-completions server on loopback for the language-model tests (Hummingbird).
        .target(
            name: "ChatServerSupport",
            dependencies: [
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ], path: "Tests/ChatServerSupport"),
        // Throughput benchmark driven by bench/transport (not a test).
        .executableTarget(name: "TransportBench", dependencies: ["MailTransport"], path: "bench/TransportBench"),
        // Similarity-index latency benchmark driven by bench/triage (not a test).
        .executableTarget(name: "TriageBench", dependencies: ["Triage"], path: "bench/TriageBench"),
        // KPI report latency over large stores, driven by bench/kpis (not a test).
        .executableTarget(
            name: "KPIBench",
            dependencies: ["MailroomStore", "MailroomCore", "Triage", .product(name: "GRDB", package: "GRDB.swift")],
            path: "bench/KPIBench"),
        // One training configuration's dev metrics, for choosing the network's settings (not a test).
        .executableTarget(name: "TriageExperiment", dependencies: ["Triage"], path: "bench/TriageExperiment"),
    ],
    swiftLanguageModes: [.v6]
)
