// swift-tools-version:6.0
import PackageDescription

// Dependencies point one way: partnerhub -> HubTUI, HubLive, HubAPI, HubSandbox -> HubCore.
// HubCore imports Foundation only; only HubTUI's backend imports CNcursesw.
let package = Package(
    name: "partnerhub",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "partnerhub", targets: ["partnerhub"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.6.0"), // 1.6: completions with the word typed so far
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.0.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.0"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
        // SHA-256 of API keys: the health-check window is kept per key without storing the key.
        .package(url: "https://github.com/apple/swift-crypto", from: "4.0.0"),
        // The team's shared poller and state (`serve`, `--database postgres://`, docs/team.md).
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.0"),
        // TLS to the team's PostgreSQL (sslmode, sslrootcert): postgres-nio takes NIOSSL's context.
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CNcursesw",
            pkgConfig: "ncursesw",
            providers: [.apt(["libncurses-dev"])]
        ),
        .target(name: "HubCore"),
        .target(name: "HubAPI", dependencies: [
            "HubCore",
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        .target(name: "HubSandbox", dependencies: [
            "HubCore",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HTTPTypes", package: "swift-http-types"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "AsyncHTTPClient", package: "async-http-client"), // webhook delivery
        ]),
        // Hummingbird: the optional webhook listener (`--webhook-listen`).
        .target(name: "HubLive", dependencies: [
            "HubCore",
            .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        // One poller for a support team: PostgreSQL holds the snapshot, the events (LISTEN/NOTIFY),
        // the shared operation ledger and health-check windows (docs/team.md).
        .target(name: "HubTeam", dependencies: [
            "HubCore", "HubLive",
            .product(name: "PostgresNIO", package: "postgres-nio"),
            .product(name: "NIOSSL", package: "swift-nio-ssl"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        .target(name: "HubTUI", dependencies: ["HubCore", "CNcursesw", .product(name: "TOMLKit", package: "TOMLKit")]),
        // config.toml and its secrets: read by the headless commands and the TUI alike, so the
        // command line does not need the UI module to know its own settings.
        .target(name: "HubConfig", dependencies: ["HubCore", .product(name: "TOMLKit", package: "TOMLKit")]),
        .executableTarget(name: "partnerhub", dependencies: [
            "HubCore", "HubAPI", "HubSandbox", "HubLive", "HubTUI", "HubTeam", "HubConfig",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "TOMLKit", package: "TOMLKit"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        // `swift run -c release partnerhub-bench`: the performance budgets (docs/PERFORMANCE.md).
        .executableTarget(name: "partnerhub-bench", dependencies: ["HubCore", "HubAPI", "HubSandbox", "HubLive", "HubTUI", "HubTeam"]),
        // A Partner API server that is not the sandbox (real payload shapes), for the tests only.
        // DroppingProxy: a proxy that loses requests or answers, in front of the HTTP sandbox.
        .target(name: "ForeignServer", dependencies: [
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "HTTPTypes", package: "swift-http-types"),
            .product(name: "Logging", package: "swift-log"),
        ], path: "Tests/ForeignServer", resources: [.copy("Fixtures")]),
        .testTarget(name: "HubCoreTests", dependencies: ["HubCore", "ForeignServer"], resources: [.copy("Fixtures")]),
        .testTarget(name: "HubAPITests", dependencies: ["HubAPI", "HubSandbox", "ForeignServer"]),
        .testTarget(name: "HubSandboxTests", dependencies: ["HubSandbox"]),
        // Against a real PostgreSQL (PARTNERHUB_TEST_POSTGRES, started by .ci/run).
        .testTarget(name: "HubTeamTests", dependencies: ["HubTeam", "HubLive", "HubSandbox", "HubAPI", "HubCore",
                                                     .product(name: "PostgresNIO", package: "postgres-nio")]),
        .testTarget(name: "HubLiveTests", dependencies: ["HubLive", "HubSandbox", "HubAPI", "ForeignServer", .product(name: "GRDB", package: "GRDB.swift")]),
        // HubLive: the in-process harness runs the real app with the real operation pipeline.
        .testTarget(name: "HubTUITests", dependencies: ["HubTUI", "HubConfig", "HubSandbox", "HubLive", "HubAPI", "ForeignServer"], exclude: ["__Snapshots__"]),
        // Drives the built `partnerhub` binary from outside: sandbox serve + curl, headless
        // commands, and the TUI in tmux.
        .testTarget(name: "EndToEndTests", dependencies: ["HubCore", "ForeignServer"]),
    ]
)
