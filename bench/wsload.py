"""Streamlit sessions without a browser: a websocket client speaking Streamlit's own protobuf messages.

What the browser's Streamlit client does, reduced to what makes the server work: open /_stcore/stream
(subprotocol "streamlit"), send a BackMsg `rerun_script` with the page's name and query string, and read
ForwardMsgs until `script_finished`. Nothing is drawn, so one process can hold 30 sessions while the server,
not 30 Chromiums, has the machine's two cores. Each session has its own server-side state (session_state,
widgets, the filters parsed from its query string), exactly as a browser's would.

Used by bench/run.py for the memory measure (sessions that visit every page) and the load test (sessions
that navigate and change filters with think time between actions); the server's run time of every run is
read from bench/timed_server.py's log.
"""

from __future__ import annotations

import asyncio
import random
import time
from dataclasses import dataclass, field

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

FINISHED = {ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_WITH_COMPILE_ERROR,
            ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY}
RUN_TIMEOUT_S = 120.0


@dataclass
class Visit:
    """One script run as the client saw it."""

    page: str
    query: str
    client_ms: float
    bytes: int
    exception: bool


@dataclass
class Session:
    base: str  # http://127.0.0.1:port
    visits: list[Visit] = field(default_factory=list)
    session_id: str | None = None

    async def __aenter__(self) -> Session:
        url = self.base.replace("http://", "ws://", 1) + "/_stcore/stream"
        self.ws = await websockets.connect(url, subprotocols=["streamlit"], max_size=None, open_timeout=60,
                                           ping_interval=None, compression=None)
        self.page_hashes: dict[str, str] = {}
        return self

    async def __aexit__(self, *exc) -> None:
        await self.ws.close()

    async def run(self, page: str, query: str = "") -> Visit:
        """Run `page` (its url path, "" for the start page) with `query`, as a navigation in the app does."""
        msg = BackMsg()
        state = msg.rerun_script
        state.query_string = query
        state.page_name = page
        state.page_script_hash = self.page_hashes.get(page, "")
        start = time.perf_counter()
        await self.ws.send(msg.SerializeToString())
        received, exception = 0, False
        while True:
            raw = await asyncio.wait_for(self.ws.recv(), RUN_TIMEOUT_S)
            received += len(raw)
            fwd = ForwardMsg()
            fwd.ParseFromString(raw)
            kind = fwd.WhichOneof("type")
            if kind == "new_session":
                self.session_id = fwd.new_session.initialize.session_id or self.session_id
            elif kind == "navigation":
                for app_page in fwd.navigation.app_pages:
                    self.page_hashes[app_page.url_pathname] = app_page.page_script_hash
            elif kind == "delta" and fwd.delta.WhichOneof("type") == "new_element":
                exception = exception or fwd.delta.new_element.WhichOneof("type") == "exception"
            elif kind == "script_finished" and fwd.script_finished in FINISHED:
                break
        visit = Visit(page, query, round((time.perf_counter() - start) * 1000, 2), received, exception)
        self.visits.append(visit)
        return visit


async def visit_all(base: str, pages: list[tuple[str, str]], passes: int = 1) -> Session:
    """A session that visits every (page, query) in turn, `passes` times over; left open for the caller."""
    session = Session(base)
    await session.__aenter__()
    for _ in range(passes):
        for page, query in pages:
            await session.run(page, query)
    return session


async def user(base: str, actions: list[tuple[str, str]], think_s: float, rng: random.Random) -> Session:
    """One visitor: the actions in order, each after a think time (exponential, mean `think_s`, at most 4x)."""
    await asyncio.sleep(rng.uniform(0, think_s))  # sessions do not all start in the same millisecond
    async with Session(base) as session:
        for page, query in actions:
            await session.run(page, query)
            if think_s:
                await asyncio.sleep(min(rng.expovariate(1 / think_s), 4 * think_s))
    return session


def plan(rng: random.Random, pages: list[tuple[str, str]], filters: list[str], n: int) -> list[tuple[str, str]]:
    """A visitor's actions: mostly filter changes on the page at hand, sometimes another page."""
    page, query = rng.choice(pages)
    actions = [(page, query)]
    for _ in range(n - 1):
        if rng.random() < 0.4:
            page, query = rng.choice(pages)
        else:
            extra = rng.choice(filters)
            query = "&".join(filter(None, [dict(pages).get(page, ""), extra]))
        actions.append((page, query))
    return actions
