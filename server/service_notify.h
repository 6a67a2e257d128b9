// ServiceNotify: tells a service manager (systemd, Type=notify) about
// stratad's state, without libsystemd.
//
// The protocol (sd_notify(3)): when the manager sets NOTIFY_SOCKET, the
// service sends newline-separated KEY=VALUE assignments ("READY=1",
// "STOPPING=1", "STATUS=...") as one datagram to the unix socket named there.
// A name starting with '/' is a file-system socket; one starting with '@' is
// in the abstract namespace (the '@' stands for a leading NUL byte). Without
// NOTIFY_SOCKET every call does nothing, so stratad run by hand, by a test or
// in a container behaves exactly as before. A failed send is logged as a
// WARNING and otherwise ignored: the server keeps serving (systemd then times
// the start out, which is the visible failure).
//
// Thread safety: stateless; each call opens, sends and closes its own socket.
#pragma once

#include <optional>
#include <string>

namespace strata::server {

// Sends `state` (e.g. "READY=1\nSTATUS=...") to $NOTIFY_SOCKET if set.
// Returns an error message when the socket was set but the send failed.
std::optional<std::string> NotifyServiceManager(const std::string& state);

// Same, with an explicit socket name (for tests): "/path" or "@abstract".
std::optional<std::string> NotifySocket(const std::string& socket_name,
                                        const std::string& state);

}  // namespace strata::server
