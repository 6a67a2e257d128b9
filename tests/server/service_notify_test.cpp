// Tests for the sd_notify datagram sender (server/service_notify.h): the
// message arrives whole on a file-system and on an abstract unix socket, and
// nothing is sent (and nothing fails) without NOTIFY_SOCKET.
#include <catch2/catch.hpp>

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstddef>
#include <cstdlib>
#include <cstring>
#include <string>

#include "server/service_notify.h"

using namespace strata::server;

namespace {

// A bound datagram socket standing in for systemd's notify socket.
class Receiver {
 public:
  explicit Receiver(const std::string& name) : name_(name) {
    fd_ = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    REQUIRE(fd_ >= 0);
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    std::memcpy(address.sun_path, name.data(), name.size());
    if (name[0] == '@') address.sun_path[0] = '\0';
    if (name[0] == '/') ::unlink(name.c_str());
    const auto length = static_cast<socklen_t>(offsetof(sockaddr_un, sun_path) + name.size());
    REQUIRE(::bind(fd_, reinterpret_cast<sockaddr*>(&address), length) == 0);
    timeval timeout{2, 0};
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  }
  ~Receiver() {
    ::close(fd_);
    if (name_[0] == '/') ::unlink(name_.c_str());
  }
  // The next datagram, or "" after the timeout.
  std::string Receive() {
    char buffer[4096];
    const ssize_t n = ::recv(fd_, buffer, sizeof buffer, 0);
    return n > 0 ? std::string(buffer, static_cast<size_t>(n)) : std::string();
  }

 private:
  std::string name_;
  int fd_ = -1;
};

}  // namespace

TEST_CASE("service notify: a datagram to a file-system socket") {
  const std::string path = "/tmp/strata-notify-test-" + std::to_string(::getpid());
  Receiver receiver(path);
  REQUIRE_FALSE(NotifySocket(path, "READY=1\nSTATUS=ok").has_value());
  CHECK(receiver.Receive() == "READY=1\nSTATUS=ok");
}

TEST_CASE("service notify: an abstract socket name starting with @") {
  const std::string name = "@strata-notify-test-" + std::to_string(::getpid());
  Receiver receiver(name);
  REQUIRE_FALSE(NotifySocket(name, "STOPPING=1").has_value());
  CHECK(receiver.Receive() == "STOPPING=1");
}

TEST_CASE("service notify: NOTIFY_SOCKET from the environment, or nothing") {
  const std::string path = "/tmp/strata-notify-env-" + std::to_string(::getpid());
  Receiver receiver(path);
  ::unsetenv("NOTIFY_SOCKET");
  CHECK_FALSE(NotifyServiceManager("STATUS=unset").has_value());
  ::setenv("NOTIFY_SOCKET", path.c_str(), 1);
  CHECK_FALSE(NotifyServiceManager("STATUS=set").has_value());
  ::unsetenv("NOTIFY_SOCKET");
  // Only the second call sent anything.
  CHECK(receiver.Receive() == "STATUS=set");
}

TEST_CASE("service notify: errors are reported, not thrown") {
  CHECK(NotifySocket("/nonexistent-dir/notify", "READY=1").has_value());
  CHECK(NotifySocket("relative/name", "READY=1").has_value());
  CHECK(NotifySocket("/" + std::string(200, 'x'), "READY=1").has_value());
}
