import Engine
import JSONCore
import LambdaRuntime

/// The doctor's checks of the Alexa side: the region, the secrets each enabled feature
/// reads, the events credentials and the grant account linking leaves behind.
struct AlexaDoctor {
  let settings: HomeAssistantSettings
  let events: AlexaEvents?
  let services: Services
  let invocation: Invocation
  let awsRegion: String

  func checks() -> [DoctorCheck] {
    var checks = [region(), secretSources()]
    if let events {
      checks.append(credentials(events))
      checks.append(grant(events))
    }
    return checks
  }

  private func region() -> DoctorCheck {
    if let region = AlexaRegion.serving(awsRegion) {
      return .pass("alexaRegion", "\(awsRegion) serves \(region.served)")
    }
    return .fail(
      "alexaRegion", "Alexa never calls a skill's function in \(awsRegion)",
      fix:
        "deploy in the region of your Alexa locale: \(AlexaRegion.listing)")
  }

  /// Every enabled feature has its secret: set on the function or readable in Parameter
  /// Store. A stack with `ALEXA_CLIENT_ID` and no client secret fails every account
  /// linking with ACCEPT_GRANT_FAILED; one without a push secret refuses every push.
  private func secretSources() -> DoctorCheck {
    let name = "secretSources"
    var missing: [String] = []
    var unreadable: [String] = []
    var sources: [String] = []
    if let events = settings.events {
      for (parameter, configured) in [
        (StoredParameter.alexaClientSecret, events.clientSecret),
        (.pushSecret, events.pushSecret),
      ] {
        if configured != nil {
          sources.append("\(parameter.rawValue) set")
        } else if parameter.isRead(with: settings) {
          sources.append("\(parameter.rawValue) from Parameter Store")
          if let problem = readProblem(parameter) { unreadable.append(problem) }
        } else {
          missing.append(parameter.rawValue)
        }
      }
    }
    if StoredParameter.homeAssistantToken.isRead(with: settings) {
      sources.append("HOME_ASSISTANT_TOKEN from Parameter Store")
      if let problem = readProblem(.homeAssistantToken) { unreadable.append(problem) }
    }
    if !missing.isEmpty {
      return .fail(
        name,
        "proactive events are on (ALEXA_CLIENT_ID) without \(missing.joined(separator: ", "))",
        fix:
          "store \(missing.map { StoredParameter(rawValue: $0)?.name(services) ?? $0 }.joined(separator: " and ")) as SecureStrings and set USE_PARAMETER_STORE=true"
      )
    }
    if !unreadable.isEmpty {
      return .fail(
        name, unreadable.joined(separator: "; "),
        fix: "put the SecureString and let the function's role read it (ssm:GetParameter)")
    }
    return .pass(
      name, sources.isEmpty ? "no feature needs a secret" : sources.joined(separator: ", "))
  }

  /// Why `parameter` cannot be read now (nil: it can); its value is never kept here.
  private func readProblem(_ parameter: StoredParameter) -> String? {
    do {
      _ = try services.parameterStore.value(
        named: parameter.name(services), timeoutMilliseconds: timeout)
      return nil
    } catch {
      return "\(parameter.name(services)): \(error)"
    }
  }

  private func credentials(_ events: AlexaEvents) -> DoctorCheck {
    let name = "eventsCredentials"
    do {
      try events.checkCredentials(services, timeoutMilliseconds: timeout)
      return .pass(name, "Login with Amazon accepts the skill's events client id and secret")
    } catch let failure as LoginWithAmazon.Failure {
      return .fail(
        name, "\(failure)",
        fix:
          "copy the client id and secret again from the skill's Permissions page (Send Alexa Events) in the developer console"
      )
    } catch {
      return .fail(name, "\(error)", fix: "give the function the events client secret")
    }
  }

  private func grant(_ events: AlexaEvents) -> DoctorCheck {
    let status = events.status(services, deadline: invocation.deadlineMilliseconds)
    switch status["grant"]?.string {
    case "active":
      return .pass("grant", "Alexa's grant for events is present")
    case "revoked":
      return .fail(
        "grant", "Alexa no longer accepts the grant (\(status["reason"]?.string ?? ""))",
        fix: "disable and enable the skill in the Alexa app to link again")
    default:
      return .fail(
        "grant", "no grant: account linking has not completed since events were turned on",
        fix: "disable and enable the skill in the Alexa app to link again")
    }
  }

  /// What is left of the invocation's budget, at most the doctor's cap per check.
  private var timeout: Int {
    max(
      0,
      Upstream(
        name: "doctor", services: services, invocation: invocation,
        configuredTimeoutMilliseconds: HomeAssistantDoctor.capMilliseconds
      ).timeoutMilliseconds)
  }
}
