import Engine
import JSONCore
import LambdaRuntime
import Synchronization

/// Alexa's progressive response: while Assist (often an LLM agent) is still thinking,
/// Alexa says "one moment" instead of staying silent. One `VoicePlayer.Speak` directive,
/// posted from a background thread once the turn has waited `after` milliseconds; the
/// final answer never waits for it. Never more than one per turn, never once the answer
/// is ready, never when too little of the turn's budget is left for it to be heard. What
/// became of it is logged by the event's own thread when the turn ends.
final class ProgressiveResponse: Sendable {
  enum Outcome: Sendable, Equatable {
    case waiting
    /// The answer was ready first.
    case notNeeded
    case sending
    case sent(status: Int)
    case skipped(String)
    case failed(String)
  }

  private let outcome = Mutex(Outcome.waiting)

  /// Alexa's own API hosts: the request's `apiEndpoint` is used only if it is one of them.
  static let alexaEndpoints: Set<String> = [
    "https://api.amazonalexa.com", "https://api.eu.amazonalexa.com",
    "https://api.fe.amazonalexa.com",
  ]
  /// Less than this left of the turn's budget when the moment comes: say nothing.
  static let minimumBudgetMilliseconds: Int64 = 1000
  /// The progressive call's own bound: a late "one moment" is worse than none.
  static let callTimeoutMilliseconds: Int64 = 1500

  /// Starts the wait for `request`'s turn, which must end by `deadline` (wall-clock
  /// milliseconds); nil when the request cannot carry one (no API endpoint or token, a
  /// foreign endpoint, progressive responses off).
  static func schedule(
    for request: SkillRequest, saying phrase: String, deadline: Int64,
    settings: HomeAssistantSettings, services: Services
  ) -> ProgressiveResponse? {
    let delay = settings.progressiveAfterMilliseconds
    guard delay > 0, let requestId = request.requestId, let token = request.apiAccessToken,
      HomeAssistantSettings.isHeaderSafe(token),
      let endpoint = settings.alexaAPIURL
        ?? request.apiEndpoint.flatMap({
          alexaEndpoints.contains($0) ? $0 : nil
        })
    else { return nil }
    let directive = JSONWriter().bytes([
      "header": ["requestId": .string(requestId)],
      "directive": ["type": "VoicePlayer.Speak", "speech": .string(SkillResponse.speak(phrase))],
    ])
    let call = HTTPRequest(
      method: "POST", url: endpoint + "/v1/directives",
      headers: [("Authorization", "Bearer \(token)"), ("Content-Type", "application/json")],
      body: directive)
    let progressive = ProgressiveResponse()
    let http = services.backgroundHTTP
    let started = BackgroundThread.run {
      Clock.sleep(milliseconds: delay)
      progressive.send(call, deadline: deadline, http: http)
    }
    return started ? progressive : nil
  }

  /// On the background thread: posts the directive unless the answer came first.
  private func send(_ call: HTTPRequest, deadline: Int64, http: HTTPClient) {
    let left = deadline - Clock.wallMilliseconds()
    let next: Outcome =
      left < Self.minimumBudgetMilliseconds ? .skipped("\(left) ms of the turn left") : .sending
    let proceed = outcome.withLock { state in
      guard state == .waiting else { return false }
      state = next
      return next == .sending
    }
    guard proceed else { return }
    let result: Outcome
    do {
      let response = try http.send(
        call, timeoutMilliseconds: Int(min(left, Self.callTimeoutMilliseconds)))
      result =
        (200..<300).contains(response.status)
        ? .sent(status: response.status) : .failed("Alexa answered \(response.status)")
    } catch {
      result = .failed("\(error)")
    }
    outcome.withLock { $0 = result }
  }

  /// The answer is ready: nothing may start after this. What happened so far.
  func answered() -> Outcome {
    outcome.withLock { state in
      if state == .waiting { state = .notNeeded }
      return state
    }
  }
}
