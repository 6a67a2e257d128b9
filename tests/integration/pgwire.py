"""A minimal PostgreSQL v3 frontend over a raw socket, for tests that need to
send exactly the bytes they choose (malformed messages, odd sequences) and see
exactly what comes back."""
import socket
import struct


class Message:
    def __init__(self, kind, body):
        self.kind = kind
        self.body = body

    def fields(self):
        """Fields of an ErrorResponse/NoticeResponse as {code: value}."""
        out = {}
        for part in self.body.split(b"\0"):
            if part:
                out[chr(part[0])] = part[1:].decode()
        return out

    def __repr__(self):
        return f"Message({self.kind!r}, {self.body!r})"


class Connection:
    def __init__(self, unix_path=None, host=None, port=None, timeout=10):
        if unix_path:
            self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            self.sock.settimeout(timeout)
            self.sock.connect(unix_path)
        else:
            self.sock = socket.create_connection((host, port), timeout=timeout)
        self.buf = b""

    def close(self):
        self.sock.close()

    def send_raw(self, data):
        self.sock.sendall(data)

    def send(self, kind, body=b""):
        self.send_raw(kind + struct.pack("!I", len(body) + 4) + body)

    def startup(self, user="postgres", database="postgres", extra=None):
        params = {"user": user, "database": database}
        params.update(extra or {})
        body = struct.pack("!I", 196608)
        for k, v in params.items():
            body += k.encode() + b"\0" + v.encode() + b"\0"
        body += b"\0"
        self.send_raw(struct.pack("!I", len(body) + 4) + body)

    def ssl_request(self):
        self.send_raw(struct.pack("!II", 8, 80877103))
        return self.read_exact(1)

    def read_exact(self, n):
        while len(self.buf) < n:
            chunk = self.sock.recv(65536)
            if not chunk:
                raise EOFError("connection closed")
            self.buf += chunk
        out, self.buf = self.buf[:n], self.buf[n:]
        return out

    def read_message(self):
        kind = self.read_exact(1)
        (length,) = struct.unpack("!I", self.read_exact(4))
        return Message(kind, self.read_exact(length - 4))

    def read_until_ready(self):
        """All messages up to and including ReadyForQuery."""
        out = []
        while True:
            m = self.read_message()
            out.append(m)
            if m.kind == b"Z":
                return out

    def query(self, sql):
        self.send(b"Q", sql.encode() + b"\0")
        return self.read_until_ready()

    def closed_by_peer(self):
        """True when the server has closed the connection (after draining)."""
        try:
            while True:
                chunk = self.sock.recv(65536)
                if not chunk:
                    return True
                self.buf += chunk
        except (ConnectionResetError, BrokenPipeError):
            return True
        except socket.timeout:
            return False
