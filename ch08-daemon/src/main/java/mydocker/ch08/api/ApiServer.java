package mydocker.ch08.api;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerDomainSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.ReadTimeoutHandler;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import mydocker.ch08.Engine;

/**
 * The API server (《Docker源码分析》 ch. 5): HTTP/1.1 on a Unix socket. What a
 * client may send is bounded where it is read — a request line of 8 KiB,
 * headers of 16 KiB, a body of {@link #MAX_BODY} (a bigger one is answered 413
 * and the connection closed), a request that does not arrive whole within
 * {@link #READ_TIMEOUT_SECONDS} dropped — so one client cannot exhaust the
 * daemon for the others. The engine's work runs off the I/O threads
 * ({@link ApiHandler}).
 */
public final class ApiServer {
    static final int MAX_BODY = 1 << 20;
    static final int READ_TIMEOUT_SECONDS = 60;

    private final EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final EventLoopGroup workers = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    private final Router router;

    public ApiServer(Engine engine) {
        this.router = Routes.of(engine);
    }

    public Channel bind(Path socket) throws InterruptedException {
        return new ServerBootstrap()
                .group(boss, workers)
                .channel(NioServerDomainSocketChannel.class)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline()
                                .addLast("timeout", new ReadTimeoutHandler(READ_TIMEOUT_SECONDS, TimeUnit.SECONDS))
                                .addLast("http", new HttpServerCodec(8192, 16384, 8192))
                                .addLast("body", new HttpObjectAggregator(MAX_BODY, true))
                                .addLast("api", new ApiHandler(router));
                    }
                })
                .bind(UnixDomainSocketAddress.of(socket))
                .sync()
                .channel();
    }

    public void close() {
        boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
