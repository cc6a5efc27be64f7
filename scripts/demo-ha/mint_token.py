"""Mints a long-lived access token for the demo Home Assistant, without a browser.

Onboards the owner user when needed (only the user step: the other steps make Home
Assistant install integrations and reach the internet), else logs in, exchanges the
code for an access token, then asks the websocket API for a long-lived token. Any failure
(another server on the port, a refused login) ends with one line on stderr, never a
traceback."""
import asyncio, json, sys
import aiohttp

BASE = sys.argv[1]
CLIENT = BASE + "/"
USER, PASSWORD = "lee", "lee-demo-password"


async def main():
    async with aiohttp.ClientSession() as http:
        async with http.get(BASE + "/api/onboarding") as r:
            steps = await r.json()
        if not any(s["step"] == "user" and s["done"] for s in steps):
            body = {"client_id": CLIENT, "name": "LEE", "username": USER, "password": PASSWORD, "language": "en"}
            async with http.post(BASE + "/api/onboarding/users", json=body) as r:
                code = (await r.json())["auth_code"]
        else:
            body = {"client_id": CLIENT, "handler": ["homeassistant", None], "redirect_uri": CLIENT}
            async with http.post(BASE + "/auth/login_flow", json=body) as r:
                flow = (await r.json())["flow_id"]
            body = {"client_id": CLIENT, "username": USER, "password": PASSWORD}
            async with http.post(f"{BASE}/auth/login_flow/{flow}", json=body) as r:
                code = (await r.json())["result"]
        form = {"grant_type": "authorization_code", "code": code, "client_id": CLIENT}
        async with http.post(BASE + "/auth/token", data=form) as r:
            access = (await r.json())["access_token"]
        async with http.ws_connect(BASE + "/api/websocket") as ws:
            await ws.receive_json()
            await ws.send_json({"type": "auth", "access_token": access})
            if (await ws.receive_json())["type"] != "auth_ok":
                sys.exit(f"mint_token: websocket authentication failed at {BASE}")
            await ws.send_json({"id": 1, "type": "auth/long_lived_access_token", "client_name": "lee-swift", "lifespan": 3650})
            reply = await ws.receive_json()
            if not reply.get("success"):
                sys.exit(f"mint_token: {BASE} refused a long-lived token: {reply.get('error')}")
            print(reply["result"])


try:
    asyncio.run(main())
except SystemExit:
    raise
except Exception as error:  # one clear line for the script that called us
    sys.exit(f"mint_token: {BASE} did not answer as the demo Home Assistant does "
             f"({type(error).__name__}: {error})")
