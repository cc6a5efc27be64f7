#!/usr/bin/env python3
"""Prints Home Assistant's persistent notifications as JSON (they are no states since
2023.6, so the REST API cannot list them): one websocket `persistent_notification/get`.
Run with the demo's own Python, which has aiohttp.

  ha_notifications.py URL TOKEN"""
import asyncio, json, sys
import aiohttp


async def main(url, token):
    async with aiohttp.ClientSession() as session:
        async with session.ws_connect(url.replace("http", "ws", 1) + "/api/websocket") as ws:
            await ws.receive_json()  # auth_required
            await ws.send_json({"type": "auth", "access_token": token})
            if (await ws.receive_json()).get("type") != "auth_ok":
                sys.exit("auth failed")
            await ws.send_json({"id": 1, "type": "persistent_notification/get"})
            print(json.dumps((await ws.receive_json()).get("result", [])))


asyncio.run(main(sys.argv[1], sys.argv[2]))
