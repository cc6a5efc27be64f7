import Engine
import JSONCore

/// `{"action":"doctor"}`: every check that tells why Alexa cannot reach this home, each
/// with a one-line fix: `{"ok", "checks": [{"name", "ok", "detail", "fix"}]}`, no secret.
///
/// What is checked depends on where it runs. The function calling Home Assistant checks
/// it as Alexa's account linking sees it, then the Alexa side. In link mode it checks the
/// Alexa side and asks the bridge, through the link, for the home's own checks. The
/// bridge checks only what it reaches on the LAN (Home Assistant and the owner's token):
/// account linking is Login with Amazon's there.
enum Doctor {
  static func register(
    into table: inout RouteTable, _ settings: HomeAssistantSettings, events: AlexaEvents?
  ) {
    table.register(.operatorAction("doctor")) { context, gateway in
      let services = gateway.services
      let region = gateway.environment["AWS_REGION"] ?? ""
      let home = HomeAssistantDoctor(
        settings: settings, services: services, invocation: context.invocation,
        region: AlexaRegion.serving(region))
      let alexa = AlexaDoctor(
        settings: settings, events: events, services: services, invocation: context.invocation,
        awsRegion: region)
      var checks: [DoctorCheck]
      if settings.actsAsOwner {
        checks = home.checksOnTheLAN()
      } else if services.config.linkQueueURL != nil {
        checks = alexa.checks() + [linkOwners(settings)] + bridge(gateway, context)
      } else {
        checks = home.checks() + alexa.checks()
      }
      let report: JSON = [
        "ok": .bool(checks.allSatisfy(\.ok)), "checks": .array(checks.map(\.json)),
      ]
      return .json(services.logging.redactor.redact(report))
    }
  }

  private static func linkOwners(_ settings: HomeAssistantSettings) -> DoctorCheck {
    .pass(
      "linkOwners",
      "\(settings.linkOwners.count) Amazon account(s) may use the skill through the link")
  }

  /// The bridge's own doctor, through the link; each check named `bridge.<name>`.
  private static func bridge(_ gateway: Gateway, _ context: EventContext) -> [DoctorCheck] {
    do {
      let report = try gateway.askHomeLink("doctor", within: context.invocation)
      guard let checks = report["checks"]?.array else {
        return [
          .fail(
            "bridge", "the bridge answered without checks",
            fix: "update lee-bridge to this version")
        ]
      }
      return checks.map { check in
        DoctorCheck(
          name: "bridge." + (check["name"]?.string ?? "?"), ok: check["ok"]?.bool ?? false,
          detail: check["detail"]?.string ?? "", fix: check["fix"]?.string)
      }
    } catch {
      return [
        .fail(
          "bridge", "the bridge did not answer through the link: \(error)",
          fix:
            "start lee-bridge in the home (systemctl status lee-bridge) and check its queue settings"
        )
      ]
    }
  }
}
