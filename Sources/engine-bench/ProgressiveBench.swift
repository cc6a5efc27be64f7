import Engine
import HomeAssistant
import JSONCore
import LambdaEmulator
import LambdaRuntime
import Synchronization

/// The custom skill's Assist turn with and without a progressive response in flight: the
/// progressive one fires at 1 ms, so its post to a local fake Alexa API (answering after
/// 50 ms, as Amazon's does from Lambda) overlaps every turn. Turns alternate between the
/// two gateways, each after the same pause and in alternating order, so the machine's
/// noise falls on both alike.
struct ProgressiveBench {
  let url: String
  let token: String
  let samples: Int

  func figures() throws -> JSON {
    let posted = Atomic<Int>(0)
    let api = try HTTPServer(port: 0) { _, _ in
      posted.add(1, ordering: .relaxed)
      Clock.sleep(milliseconds: 50)
      return .response(204, "No Content")
    }
    api.start()
    defer { api.stop() }
    let bench = HomeAssistantBench(url: url, token: token, samples: samples)
    let plain = try bench.gateway(mode: "native", adding: ["PROGRESSIVE_RESPONSE_AFTER_MS": "0"])
    let progressive = try bench.gateway(
      mode: "native",
      adding: [
        "PROGRESSIVE_RESPONSE_AFTER_MS": "1", "ALEXA_API_URL": "http://127.0.0.1:\(api.port)",
      ]
    )
    var without: [Double] = []
    var with: [Double] = []
    for index in 0..<(samples + 4) {
      // Each turn after a pause (the progressive post finishes), in alternating order.
      var times: [Bool: Double] = [:]
      for withProgressive in index % 2 == 0 ? [false, true] : [true, false] {
        Clock.sleep(milliseconds: 60)
        times[withProgressive] = try wallMilliseconds {
          _ =
            withProgressive
            ? try progressive.handle(bench.assistTurn(index, apiAccessToken: "bench-api-token"))
            : try plain.handle(bench.assistTurn(index))
        }
      }
      guard index >= 4 else { continue }
      without.append(times[false] ?? 0)
      with.append(times[true] ?? 0)
    }
    return [
      "withoutMs": .number(median(without)), "withMs": .number(median(with)),
      "posted": JSON(posted.load(ordering: .relaxed)), "turns": JSON(samples + 4),
    ]
  }
}
