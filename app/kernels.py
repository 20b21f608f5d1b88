"""The app's kernel manager: Jupyter server's, with a grace period for kernels handed to a page still loading.

Voilà keeps preheated kernels out of the culler's reach while they wait in the pool, but not once one is handed to
a page: from then on the culler judges it by its last activity, which is the end of the notebook's run, often
minutes earlier. Until the page's websocket connects (a few seconds, more on a busy server) the kernel counts as
idle and unconnected, so a culling pass in that window shut it down under the page (measured: a kernel preheated
170 s earlier was gone 10 s after its page was served; the page then logs "kernel no longer exists" and its
widgets stay dead). Here a kernel that has never been seen connected is culled only after it has been seen
unconnected for the whole idle timeout; every other kernel is culled exactly as before.
"""
from __future__ import annotations

import time

from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager


class GraceKernelManager(AsyncMappingKernelManager):
    """:class:`AsyncMappingKernelManager` that does not cull a kernel before its first page could connect."""

    #: Seconds since an arbitrary start; replaced in tests.
    clock = staticmethod(time.monotonic)

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._seen_connected: set[str] = set()
        self._unconnected_since: dict[str, float] = {}

    async def cull_kernel_if_idle(self, kernel_id: str):
        if self._kernel_connections.get(kernel_id, 0):
            self._seen_connected.add(kernel_id)
            self._unconnected_since.pop(kernel_id, None)
        elif kernel_id not in self._seen_connected:
            since = self._unconnected_since.setdefault(kernel_id, self.clock())
            if self.clock() - since < self.cull_idle_timeout:
                return None  # handed to a page that has not connected yet (or left before a pass saw it)
        return await super().cull_kernel_if_idle(kernel_id)

    async def shutdown_kernel(self, kernel_id: str, *args, **kwargs):
        self._seen_connected.discard(kernel_id)
        self._unconnected_since.pop(kernel_id, None)
        return await super().shutdown_kernel(kernel_id, *args, **kwargs)
