/* Every number and layout Conformance's raw layer compiles in (tests/Fixtures/Native/Tables, StructLayouts.cs,
 * SockAddr.cs), as this platform's own headers define them. HeaderProbeTests compiles it with the platform's
 * compiler (cc; cl on Windows), runs it, and compares each line with the table of this OS family, so a wrong
 * Darwin, FreeBSD or Winsock number fails on the first native run, before any claim runs.
 *
 * Output: one "name value" line each, in decimal; "name absent" where this platform has no such thing (the table
 * must say null there). Names are the table's property names; where a platform spells the thing otherwise, the
 * line says which of its names stands in (TCP_KEEPALIVE for TCP_KEEPIDLE on macOS and Windows). */
#ifdef _WIN32
#include <winsock2.h>
#include <ws2tcpip.h>
#include <mstcpip.h>
#else
#include <sys/types.h>
#include <sys/socket.h>
#include <sys/ioctl.h>
#include <sys/select.h>
#include <sys/resource.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <netdb.h>
#include <poll.h>
#include <fcntl.h>
#include <errno.h>
#include <signal.h>
#if defined(__APPLE__) || defined(__FreeBSD__)
#include <sys/filio.h>
#include <sys/sockio.h>
#include <netinet/tcp_fsm.h>
#endif
#endif
#include <stddef.h>
#include <stdio.h>

#define V(name, value) printf("%s %lld\n", name, (long long)(value))
#define U(name, value) printf("%s %llu\n", name, (unsigned long long)(unsigned int)(value))
#define C(name) V(#name, name)
#define ABSENT(name) printf("%s absent\n", name)

static void constants(void)
{
    C(AF_INET); C(AF_INET6); C(SOCK_STREAM); C(SOCK_DGRAM); C(IPPROTO_IP); C(IPPROTO_TCP); C(IPPROTO_UDP); C(IPPROTO_IPV6);
    /* BSD's sockaddr starts with a length byte, so the family sits at offset 1. */
    V("SockaddrHasLen", offsetof(struct sockaddr_in, sin_family) == 1);

    C(SOL_SOCKET); C(SO_REUSEADDR); C(SO_KEEPALIVE); C(SO_BROADCAST); C(SO_LINGER); C(SO_OOBINLINE);
    C(SO_SNDBUF); C(SO_RCVBUF); C(SO_ERROR); C(SO_TYPE);
#ifdef SO_REUSEPORT
    C(SO_REUSEPORT);
#else
    ABSENT("SO_REUSEPORT");
#endif
#ifdef SO_LINGER_SEC
    C(SO_LINGER_SEC);
#else
    ABSENT("SO_LINGER_SEC");
#endif
#ifdef SO_NOSIGPIPE
    C(SO_NOSIGPIPE);
#else
    ABSENT("SO_NOSIGPIPE");
#endif

    C(TCP_NODELAY);
#if defined(__APPLE__) || defined(_WIN32)
    V("TCP_KEEPIDLE", TCP_KEEPALIVE); /* XNU's and Winsock's name for the idle time */
#else
    C(TCP_KEEPIDLE);
#endif
#ifdef TCP_KEEPINTVL
    C(TCP_KEEPINTVL);
#else
    ABSENT("TCP_KEEPINTVL");
#endif
#ifdef TCP_KEEPCNT
    C(TCP_KEEPCNT);
#else
    ABSENT("TCP_KEEPCNT");
#endif
#if defined(__APPLE__)
    V("TCP_INFO", TCP_CONNECTION_INFO);
#elif defined(TCP_INFO)
    C(TCP_INFO);
#else
    ABSENT("TCP_INFO"); /* Windows: SIO_TCP_INFO, an ioctl */
#endif
#ifdef TCP_QUICKACK
    C(TCP_QUICKACK);
#else
    ABSENT("TCP_QUICKACK");
#endif
#if defined(__linux__)
    V("ConnectTimeoutOption", TCP_SYNCNT);
    C(TCP_USER_TIMEOUT);
#elif defined(__APPLE__)
    V("ConnectTimeoutOption", TCP_CONNECTIONTIMEOUT);
    ABSENT("TCP_USER_TIMEOUT");
#elif defined(__FreeBSD__)
    V("ConnectTimeoutOption", TCP_KEEPINIT);
    ABSENT("TCP_USER_TIMEOUT");
#else
    V("ConnectTimeoutOption", TCP_MAXRT);
    ABSENT("TCP_USER_TIMEOUT");
#endif
#if defined(_WIN32)
    V("TCP_STATE_CLOSED", TCPSTATE_CLOSED);
#elif defined(__linux__)
    V("TCP_STATE_CLOSED", TCP_CLOSE);
#else
    V("TCP_STATE_CLOSED", TCPS_CLOSED);
#endif

    C(IPV6_V6ONLY); C(IP_MULTICAST_IF); C(IP_MULTICAST_LOOP); C(IP_ADD_MEMBERSHIP);
#if defined(__linux__)
    V("IP_DONTFRAG", IP_MTU_DISCOVER); /* with IP_PMTUDISC_DO */
#elif defined(_WIN32)
    V("IP_DONTFRAG", IP_DONTFRAGMENT);
#else
    C(IP_DONTFRAG);
#endif
    C(MSG_OOB); C(MSG_PEEK); C(MSG_TRUNC);
#ifdef MSG_DONTWAIT
    C(MSG_DONTWAIT);
#else
    ABSENT("MSG_DONTWAIT");
#endif
#ifdef MSG_NOSIGNAL
    C(MSG_NOSIGNAL);
#else
    ABSENT("MSG_NOSIGNAL");
#endif
#ifdef _WIN32
    V("SHUT_RD", SD_RECEIVE); V("SHUT_WR", SD_SEND); V("SHUT_RDWR", SD_BOTH);
#else
    C(SHUT_RD); C(SHUT_WR); C(SHUT_RDWR);
#endif

#ifdef _WIN32
    ABSENT("O_NONBLOCK"); ABSENT("O_APPEND"); ABSENT("F_GETFL"); ABSENT("F_SETFL"); ABSENT("F_DUPFD");
#else
    C(O_NONBLOCK); C(O_APPEND); C(F_GETFL); C(F_SETFL); C(F_DUPFD);
#endif
#ifdef _WIN32
    ABSENT("F_SETOWN"); ABSENT("O_ASYNC"); ABSENT("SIGIO");
#else
    C(F_SETOWN); C(O_ASYNC); C(SIGIO);
#endif
    U("FIONREAD", FIONREAD); U("FIONBIO", FIONBIO); U("SIOCATMARK", SIOCATMARK);
#if defined(__linux__)
    U("SIOCOUTQ", TIOCOUTQ); /* linux/sockios.h: SIOCOUTQ is TIOCOUTQ */
#elif defined(__FreeBSD__)
    U("SIOCOUTQ", FIONWRITE);
#else
    ABSENT("SIOCOUTQ");
#endif
#ifdef SO_NWRITE
    C(SO_NWRITE);
#else
    ABSENT("SO_NWRITE");
#endif
    C(POLLIN); C(POLLPRI); C(POLLOUT); C(POLLERR); C(POLLHUP); C(POLLNVAL);
    C(FD_SETSIZE);
#ifdef _WIN32
    ABSENT("SIGPIPE"); ABSENT("SIGUSR2"); ABSENT("SIG_BLOCK"); ABSENT("SIG_UNBLOCK"); ABSENT("SA_RESTART"); ABSENT("RLIMIT_NOFILE");
#else
    C(SIGPIPE); C(SIGUSR2); C(SIG_BLOCK); C(SIG_UNBLOCK); C(SA_RESTART); C(RLIMIT_NOFILE);
#endif
}

static void errors(void)
{
#ifdef _WIN32
    C(WSAEINTR); C(WSAEBADF); C(WSAEACCES); C(WSAEFAULT); C(WSAEINVAL); C(WSAEMFILE); C(WSAEWOULDBLOCK); C(WSAEINPROGRESS);
    C(WSAEALREADY); C(WSAENOTSOCK); C(WSAEDESTADDRREQ); C(WSAEMSGSIZE); C(WSAEPROTOTYPE); C(WSAENOPROTOOPT);
    C(WSAEPROTONOSUPPORT); C(WSAESOCKTNOSUPPORT); C(WSAEOPNOTSUPP); C(WSAEPFNOSUPPORT); C(WSAEAFNOSUPPORT);
    C(WSAEADDRINUSE); C(WSAEADDRNOTAVAIL); C(WSAENETDOWN); C(WSAENETUNREACH); C(WSAENETRESET); C(WSAECONNABORTED);
    C(WSAECONNRESET); C(WSAENOBUFS); C(WSAEISCONN); C(WSAENOTCONN); C(WSAESHUTDOWN); C(WSAETIMEDOUT);
    C(WSAECONNREFUSED); C(WSAEHOSTDOWN); C(WSAEHOSTUNREACH); C(WSANOTINITIALISED);
#else
    C(EPERM); C(ENOENT); C(EINTR); C(EBADF); C(EAGAIN); C(ENOMEM); C(EACCES); C(EFAULT); C(ENOTDIR); C(ENOTTY);
    C(EINVAL); C(EMFILE); C(EPIPE); C(ENOSYS); C(EPROTO); C(ENOTSOCK); C(EDESTADDRREQ); C(EMSGSIZE); C(EPROTOTYPE);
    C(ENOPROTOOPT); C(EPROTONOSUPPORT); C(EOPNOTSUPP); C(EAFNOSUPPORT); C(EADDRINUSE); C(EADDRNOTAVAIL);
    C(ENETDOWN); C(ENETUNREACH); C(ENETRESET); C(ECONNABORTED); C(ECONNRESET); C(ENOBUFS); C(EISCONN);
    C(ENOTCONN); C(ESHUTDOWN); C(ETIMEDOUT); C(ECONNREFUSED); C(EHOSTDOWN); C(EHOSTUNREACH); C(EALREADY);
    C(EINPROGRESS);
#endif
}

#define SIZE(type, label) V(label ".size", sizeof(type))
#define AT(type, field, label) V(label "." #field, offsetof(type, field))

static void layouts(void)
{
    SIZE(struct sockaddr_in, "sockaddr_in"); SIZE(struct sockaddr_in6, "sockaddr_in6");
    SIZE(struct sockaddr_storage, "sockaddr_storage");
#ifdef _WIN32
    V("pollfd.size", sizeof(WSAPOLLFD)); AT(WSAPOLLFD, events, "pollfd"); AT(WSAPOLLFD, revents, "pollfd");
    SIZE(fd_set, "fd_set"); AT(fd_set, fd_array, "fd_set");
#else
    SIZE(struct pollfd, "pollfd"); AT(struct pollfd, events, "pollfd"); AT(struct pollfd, revents, "pollfd");
    SIZE(fd_set, "fd_set"); V("fd_set.fd_array", 0); /* a plain bitmap */
    SIZE(struct msghdr, "msghdr"); AT(struct msghdr, msg_iov, "msghdr"); AT(struct msghdr, msg_iovlen, "msghdr");
    V("msghdr.msg_iovlen.size", sizeof(((struct msghdr *)0)->msg_iovlen)); AT(struct msghdr, msg_flags, "msghdr");
#endif
    SIZE(struct linger, "linger"); AT(struct linger, l_linger, "linger");
    AT(struct hostent, h_length, "hostent"); AT(struct hostent, h_addr_list, "hostent");
    AT(struct servent, s_port, "servent");
}

int main(void)
{
    constants();
    errors();
    layouts();
    return 0;
}
