using System.Buffers;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;

namespace Firebreak.Server.Http;

/// <summary>An endpoint's own request body limit, in place of <see cref="FirebreakServer.MaxRequestBodyBytes"/>.</summary>
public sealed record BodySizeLimit(long? MaxRequestBodySize) : IRequestSizeLimitMetadata;

/// <summary>Thrown on reading a body past its limit, once the rest of it has been read and dropped.</summary>
public sealed class RequestTooLargeException(long limit)
    : BadHttpRequestException($"The request body is larger than the {limit / 1024} KB limit.", StatusCodes.Status413PayloadTooLarge)
{
    public long Limit { get; } = limit;
}

/// <summary>
/// Enforces request body limits so that the refusal reaches the client. Kestrel's own limit fails the first read and
/// closes the connection after the answer while the client is still sending: the client then sees a reset, not the
/// 413, and PagerDuty's and Alertmanager's clients retry network errors for ever. Here a body over its limit is read
/// and dropped up to <see cref="DrainFactor"/> times the limit (at least that many times the server-wide limit)
/// before the read fails, so the answer goes out on a connection that is in step again; only past that bound, or when
/// the client waits on <c>Expect: 100-continue</c> and so has not sent the body, is the connection closed.
/// </summary>
public static class RequestBodyLimit
{
    public const int DrainFactor = 4;

    public static long DrainBound(long limit) => Math.Max(limit, FirebreakServer.MaxRequestBodyBytes) * DrainFactor;

    /// <summary>Runs after routing, so an endpoint's <see cref="IRequestSizeLimitMetadata"/> is known.</summary>
    public static IApplicationBuilder UseRequestBodyLimit(this IApplicationBuilder app) => app.Use(next => context =>
    {
        Enforce(context);
        return next(context);
    });

    /// <summary>
    /// Puts the endpoint's limit (or the server's) on the request body, once. Endpoints answered straight after routing
    /// (<c>ShortCircuit</c>) skip the middleware above and call this before they read.
    /// </summary>
    public static void Enforce(HttpContext context)
    {
        if (context.Request.Body is LimitedBody)
        {
            return;
        }

        var feature = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
        var limit = context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize ?? feature?.MaxRequestBodySize;
        if (feature is { IsReadOnly: false } && limit is { } max)
        {
            // Kestrel stays the backstop past the drain bound: it fails the read there and closes the connection.
            feature.MaxRequestBodySize = DrainBound(max);
            context.Request.Body = new LimitedBody(context, context.Request.Body, max);
        }
    }

    private sealed class LimitedBody(HttpContext context, Stream inner, long limit) : Stream
    {
        private long _read;
        private bool _refused;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (Refuses())
            {
                await DrainAsync(cancellationToken);
            }

            var n = await Guard(inner.ReadAsync(buffer, cancellationToken));
            _read += n;
            if (_read > limit)
            {
                await DrainAsync(cancellationToken);
            }

            return n;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            if (Refuses())
            {
                Drain();
            }

            int n;
            try
            {
                n = inner.Read(buffer);
            }
            catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
            {
                throw Refuse(close: true);
            }

            _read += n;
            if (_read > limit)
            {
                Drain();
            }

            return n;
        }

        public override void Flush() => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        /// <summary>Whether the declared length alone is over the limit (or this body was refused already).</summary>
        private bool Refuses() => _refused || (_read == 0 && context.Request.ContentLength > limit);

        private async ValueTask<int> Guard(ValueTask<int> read)
        {
            try
            {
                return await read;
            }
            catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
            {
                throw Refuse(close: true);
            }
        }

        private async Task DrainAsync(CancellationToken ct)
        {
            if (SkipsDrain())
            {
                throw Refuse(close: true);
            }

            var scratch = ArrayPool<byte>.Shared.Rent(64 * 1024);
            try
            {
                while (await Guard(inner.ReadAsync(scratch, ct)) is var n and > 0)
                {
                    _read += n;
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(scratch);
            }

            throw Refuse(close: false);
        }

        private void Drain()
        {
            if (SkipsDrain())
            {
                throw Refuse(close: true);
            }

            var scratch = ArrayPool<byte>.Shared.Rent(64 * 1024);
            try
            {
                int n;
                do
                {
                    try
                    {
                        n = inner.Read(scratch);
                    }
                    catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
                    {
                        throw Refuse(close: true);
                    }

                    _read += n;
                }
                while (n > 0);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(scratch);
            }

            throw Refuse(close: false);
        }

        /// <summary>
        /// Nothing to drain when refused already; no point when the declared length is past the bound; and a client
        /// waiting on <c>Expect: 100-continue</c> has not sent the body, so reading would only invite it to.
        /// </summary>
        private bool SkipsDrain() =>
            _refused
            || context.Request.ContentLength > DrainBound(limit)
            || (_read == 0 && context.Request.Headers.Expect.Any(e => string.Equals(e, "100-continue", StringComparison.OrdinalIgnoreCase)));

        private RequestTooLargeException Refuse(bool close)
        {
            if (close && !_refused && !context.Response.HasStarted)
            {
                context.Response.Headers.Connection = "close";
            }

            _refused = true;
            return new RequestTooLargeException(limit);
        }
    }
}
