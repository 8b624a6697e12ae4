using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using PlanPulse.App.Features.Demo;
using PlanPulse.Web.Tests.Support;

namespace PlanPulse.Web.Tests.Api;

/// <summary>
/// The demo app with small sign-in limits (3 failures per account name, 5 per client, in 15 minutes). The in-memory
/// server has no client address, so a test header names one, set by a start-up filter before anything else runs.
/// </summary>
public sealed class SignInThrottleFixture : IAsyncLifetime
{
    public const string ClientHeader = "X-Test-Client";

    private ApiFactory? _app;

    public WebApplicationFactory<Program> Web { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _app = await ApiFactory.CreateAsync(Databases.Sqlite);
        Web = _app.WithWebHostBuilder(b =>
        {
            b.UseSetting("Auth:SignIn:FailuresPerAccount", "3");
            b.UseSetting("Auth:SignIn:FailuresPerClient", "5");
            b.ConfigureServices(s => s.AddSingleton<IStartupFilter, ClientAddressFromHeader>());
        });
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    private sealed class ClientAddressFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((ctx, nextMiddleware) =>
            {
                if (IPAddress.TryParse(ctx.Request.Headers[ClientHeader].ToString(), out var ip))
                {
                    ctx.Connection.RemoteIpAddress = ip;
                }

                return nextMiddleware(ctx);
            });
            next(app);
        };
    }
}

/// <summary>
/// Sign-in is limited on failed attempts only: per account name (known or not) and per client; a success clears
/// both; page views never count, so an office behind one NAT address is not locked out by its own sign-ins. A
/// blocked attempt gets a Chinese page with the app's stylesheet, status 429 and Retry-After.
/// </summary>
public sealed class SignInThrottleTests(SignInThrottleFixture fixture) : IClassFixture<SignInThrottleFixture>
{
    [Fact]
    public async Task PageViewsAndSuccesses_NeverCount()
    {
        using var client = Client("10.0.0.1");
        for (var i = 0; i < 30; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/Account/Login", UriKind.Relative))).StatusCode);
        }

        for (var i = 0; i < 8; i++)
        {
            using var person = Client("10.0.0.1");
            Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync(person, "leader", DemoData.DemoPassword)).StatusCode);
        }
    }

    [Fact]
    public async Task WrongPasswords_BlockThatAccountName_WithChinesePage_OtherAccountsStillSignIn()
    {
        using var client = Client("10.0.0.2");
        for (var i = 0; i < 3; i++)
        {
            var failed = await SignInAsync(client, "command-nm", "wrong-password");
            Assert.Equal(HttpStatusCode.OK, failed.StatusCode);
            Assert.Contains("用户名或密码错误", await failed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        // The right password no longer helps until the window ends: the guesser cannot tell it was right.
        var blocked = await SignInAsync(client, "command-nm", DemoData.DemoPassword);
        var html = await blocked.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.TooManyRequests, blocked.StatusCode);
        Assert.Contains("登录失败次数过多,请", html, StringComparison.Ordinal);
        Assert.Contains("/css/site.css", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Too Many Requests", html, StringComparison.Ordinal);
        Assert.True(blocked.Headers.RetryAfter?.Delta is { } wait && wait > TimeSpan.Zero && wait <= TimeSpan.FromMinutes(15), $"Retry-After {blocked.Headers.RetryAfter}");

        using var colleague = Client("10.0.0.2");
        Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync(colleague, "reporter-fengcheng", DemoData.DemoPassword)).StatusCode);
    }

    [Fact]
    public async Task UnknownAccountName_CountsLikeAKnownOne()
    {
        using var client = Client("10.0.0.3");
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await SignInAsync(client, "nobody-here", "whatever-1234")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, (await SignInAsync(client, "nobody-here", "whatever-1234")).StatusCode);
    }

    [Fact]
    public async Task SuccessClearsTheAccountsCount()
    {
        using var client = Client("10.0.0.4");
        for (var round = 0; round < 3; round++)
        {
            // Two failures and a success, three times: six failures in all, never three in a row for the account.
            Assert.Equal(HttpStatusCode.OK, (await SignInAsync(client, "reporter-drc", "wrong-password")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await SignInAsync(client, "reporter-drc", "wrong-password")).StatusCode);
            using var fresh = Client("10.0.0.4");
            Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync(fresh, "reporter-drc", DemoData.DemoPassword)).StatusCode);
        }
    }

    [Fact]
    public async Task OneClientSweepingNames_IsBlocked_OtherClientsAreNot()
    {
        using var sweeper = Client("10.0.0.5");
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await SignInAsync(sweeper, $"guess-{i}", "whatever-1234")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, (await SignInAsync(sweeper, "guess-new", "whatever-1234")).StatusCode);

        using var office = Client("10.0.0.6");
        Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync(office, "planoffice", DemoData.DemoPassword)).StatusCode);
    }

    private HttpClient Client(string address)
    {
        var client = fixture.Web.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        client.DefaultRequestHeaders.Add(SignInThrottleFixture.ClientHeader, address);
        return client;
    }

    private static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string user, string password)
    {
        var token = MatrixFixture.FormToken(await client.GetStringAsync(new Uri("/Account/Login", UriKind.Relative)));
        return await client.PostAsync(new Uri("/Account/Login", UriKind.Relative), new FormUrlEncodedContent(
        [
            new("UserName", user),
            new("Password", password),
            new("__RequestVerificationToken", token),
        ]));
    }
}
