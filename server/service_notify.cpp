// sd_notify's datagram protocol, written out (see service_notify.h).
#include "server/service_notify.h"

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstddef>
#include <cstdlib>
#include <cstring>

namespace strata::server {

std::optional<std::string> NotifySocket(const std::string& socket_name,
                                        const std::string& state) {
  if (socket_name.empty()) return std::nullopt;
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  // sun_path need not be NUL-terminated when the length is passed exactly;
  // an abstract name is a leading NUL followed by the name's bytes.
  if (socket_name.size() > sizeof(address.sun_path)) {
    return "NOTIFY_SOCKET \"" + socket_name + "\" is too long";
  }
  if (socket_name[0] != '/' && socket_name[0] != '@') {
    return "NOTIFY_SOCKET \"" + socket_name + "\" is neither a path nor an abstract name";
  }
  std::memcpy(address.sun_path, socket_name.data(), socket_name.size());
  if (socket_name[0] == '@') address.sun_path[0] = '\0';
  const socklen_t length =
      static_cast<socklen_t>(offsetof(sockaddr_un, sun_path) + socket_name.size());

  const int fd = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return std::string("could not create notify socket: ") + std::strerror(errno);
  const ssize_t sent = ::sendto(fd, state.data(), state.size(), MSG_NOSIGNAL,
                                reinterpret_cast<const sockaddr*>(&address), length);
  const int saved_errno = errno;
  ::close(fd);
  if (sent < 0) {
    return "could not send \"" + state + "\" to NOTIFY_SOCKET \"" + socket_name +
           "\": " + std::strerror(saved_errno);
  }
  if (static_cast<size_t>(sent) != state.size()) {
    return "short send to NOTIFY_SOCKET \"" + socket_name + "\"";
  }
  return std::nullopt;
}

std::optional<std::string> NotifyServiceManager(const std::string& state) {
  const char* name = std::getenv("NOTIFY_SOCKET");
  if (name == nullptr || name[0] == '\0') return std::nullopt;
  return NotifySocket(name, state);
}

}  // namespace strata::server
