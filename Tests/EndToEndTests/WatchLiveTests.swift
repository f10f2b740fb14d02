import Foundation
import Testing
import HubCore

/// A running process whose output is read as it comes.
final class Running: @unchecked Sendable {
    let process = Process()
    private let lock = NSLock()
    private var out = Data(), err = Data()

    init(_ args: [String], env: [String: String] = [:]) throws {
        process.executableURL = URL(fileURLWithPath: Binary.path)
        process.arguments = args
        process.environment = ["HOME": FileManager.default.temporaryDirectory.path, "PATH": "/usr/bin:/bin"].merging(env) { $1 }
        let o = Pipe(), e = Pipe()
        process.standardOutput = o
        process.standardError = e
        o.fileHandleForReading.readabilityHandler = { [weak self] h in let d = h.availableData; self?.lock.withLock { self?.out.append(d) } }
        e.fileHandleForReading.readabilityHandler = { [weak self] h in let d = h.availableData; self?.lock.withLock { self?.err.append(d) } }
        try process.run()
    }

    var stdout: String { lock.withLock { String(decoding: out, as: UTF8.self) } }
    var stderr: String { lock.withLock { String(decoding: err, as: UTF8.self) } }

    /// Waits (up to `timeout` s) until `condition` holds for the output so far.
    @discardableResult
    func wait(_ timeout: Double, until condition: (Running) -> Bool) -> Bool {
        let end = Date().addingTimeInterval(timeout)
        while Date() < end {
            if condition(self) { return true }
            Thread.sleep(forTimeInterval: 0.1)
        }
        return condition(self)
    }

    func stop() {
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
    }

    /// `sandbox serve` with extra arguments; returns it and its base URL once it is ready.
    static func sandbox(_ extra: [String]) throws -> (Running, String) {
        let serve = try Running(["sandbox", "serve", "--port", "0"] + extra)
        serve.wait(15) { $0.stdout.contains("url=") }
        let url = serve.stdout.split(whereSeparator: { $0 == " " || $0 == "\n" }).first { $0.hasPrefix("url=") }.map { String($0.dropFirst(4)) } ?? ""
        return (serve, url)
    }
}

func curl(_ args: [String]) throws -> String {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
    p.arguments = ["-s"] + args
    let pipe = Pipe()
    p.standardOutput = pipe
    try p.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return String(decoding: data, as: UTF8.self)
}

@Suite(.serialized, .tags(.e2e)) struct WatchLiveTests {
    let key = ["PARTNERHUB_API_KEY": "sandbox-key"]

    /// 20 % of requests fail: watch keeps going, says so once, and is back in sync after the
    /// faults are switched off (`PUT /sandbox/faults`).
    @Test func watchKeepsGoingThroughFaultsAndRecovers() throws {
        let (serve, url) = try Running.sandbox(["--time-scale", "600", "--seed", "5", "--faults", "error-rate=0.2"])
        defer { serve.stop() }
        let watch = try Running(["watch", "--json", "--interval", "1", "--api-base", url, "--partner-id", "sandboxPA"], env: key)
        defer { watch.stop() }
        Thread.sleep(forTimeInterval: 8)
        #expect(watch.process.isRunning, "watch is still running under faults: \(watch.stderr)")
        let admin = url.replacingOccurrences(of: "/api/v2", with: "/sandbox/faults")
        #expect(try curl([admin]).contains("error-rate=0.2"))
        #expect(try curl(["-X", "PUT", "--data", "off", admin]).contains("off"))
        Thread.sleep(forTimeInterval: 3) // two poll cycles (1 s each) and a request's time
        #expect(watch.process.isRunning)
        watch.stop()
        #expect(watch.process.terminationStatus == 0)
        // The phase lines: a backoff is always followed by "back in sync".
        let phases = watch.stderr.split(separator: "\n").filter { $0.contains("retrying with backoff") || $0.contains("back in sync") }
        #expect(phases.last.map { $0.contains("back in sync") } ?? true, "\(phases)")
        let lines = watch.stdout.split(separator: "\n")
        #expect(!lines.isEmpty && lines.allSatisfy { (try? HubJSON.decode(HubNotification.self, from: Data($0.utf8))) != nil })
    }

    /// `--webhook-listen`: with polling once an hour, the sandbox's webhook events (delivered to
    /// the webhook_url set with the Partner API's PATCH) alone bring the "is live" lines.
    @Test func webhookEventsArriveWithoutWaitingForAPoll() throws {
        let (serve, url) = try Running.sandbox(["--time-scale", "3000", "--seed", "6"])
        defer { serve.stop() }
        let watch = try Running(["watch", "--interval", "3600", "--webhook-listen", "127.0.0.1:0", "--api-base", url, "--partner-id", "sandboxPA"], env: key)
        defer { watch.stop() }
        #expect(watch.wait(15) { Self.port(in: $0.stderr) != nil && $0.stderr.contains("watching") })
        let port = try #require(Self.port(in: watch.stderr))
        let patched = try curl(["-X", "PATCH", "-H", "X-API-Key: sandbox-key", "-H", "Content-Type: application/json",
                                "--data", #"{"webhook_url": "http://127.0.0.1:\#(port)/hooks/360"}"#, url + "/partners/sandboxPA"])
        #expect(patched.contains("/hooks/360"))
        #expect(watch.wait(20) { $0.stdout.contains(" is live") }, "stdout: \(watch.stdout.prefix(300)) stderr: \(watch.stderr)")
    }

    static func port(in text: String) -> Int? {
        guard let r = text.range(of: "listening for webhook events on 127.0.0.1:") else { return nil }
        return Int(text[r.upperBound...].prefix { $0.isNumber })
    }
}
