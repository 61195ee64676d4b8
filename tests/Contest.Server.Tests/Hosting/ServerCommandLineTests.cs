using Contest.Server.Hosting;
using Contest.Server.Workers;
using Microsoft.Extensions.Configuration;

namespace Contest.Server.Tests.Hosting;

public class ServerCommandLineTests
{
    [Theory]
    [InlineData(new[] { "--unsafe-no-sandbox" }, true)]
    [InlineData(new[] { "--unsafe-no-sandbox", "--workers", "2" }, true)]
    [InlineData(new[] { "--unsafe-no-sandbox", "false" }, false)]
    [InlineData(new[] { "--unsafe-no-sandbox", "true", "--workers", "2" }, true)]
    [InlineData(new[] { "--workers", "2" }, false)]
    public void UnsafeNoSandbox_AsFlagOrWithValue_BindsToLocalWorkerOptions(string[] args, bool expected)
    {
        var configuration = new ConfigurationBuilder()
            .AddCommandLine(ServerCommandLine.WithFlagValues(args), ServerCommandLine.SwitchMappings)
            .Build();

        var options = configuration.GetSection("Contest").Get<LocalWorkerOptions>() ?? new LocalWorkerOptions();

        Assert.Equal(expected, options.UnsafeNoSandbox);
    }

    [Fact]
    public void WithFlagValues_BareFlagBeforeAnotherSwitch_KeepsThatSwitchsValue()
    {
        var configuration = new ConfigurationBuilder()
            .AddCommandLine(ServerCommandLine.WithFlagValues(["--unsafe-no-sandbox", "--workers", "3"]), ServerCommandLine.SwitchMappings)
            .Build();

        Assert.Equal("3", configuration["Contest:Workers"]);
    }
}
