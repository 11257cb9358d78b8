using System.CommandLine;
using EdTech.Infrastructure.Identity;

namespace EdTech.Cli.Commands;

/// <summary>`edtech token --data DIR --tenant T --user U --role R [--role R2]`: one JWT the LocalHost with the same --data accepts.</summary>
public static class TokenCommand
{
    public static Command Create()
    {
        var data = new Option<string>("--data") { Description = "The LocalHost's data folder (holds the signing key)", DefaultValueFactory = _ => ".edtech" };
        var tenant = new Option<string>("--tenant") { Description = "Tenant id (the platform tenant is 'platform')", Required = true };
        var user = new Option<string>("--user") { Description = "User id (the token's sub)", Required = true };
        var roles = new Option<string[]>("--role") { Description = "Role; repeat for several", Required = true, AllowMultipleArgumentsPerToken = false };
        var hours = new Option<double>("--hours") { Description = "Lifetime in hours", DefaultValueFactory = _ => 8 };
        var command = new Command("token", "Print a JWT for the LocalHost") { data, tenant, user, roles, hours };
        command.SetAction(parse =>
        {
            var issuer = LocalTokenIssuer.ForDataDirectory(Path.GetFullPath(parse.GetValue(data)!));
            Console.WriteLine(issuer.Mint(parse.GetValue(tenant)!, parse.GetValue(user)!, parse.GetValue(roles)!, TimeSpan.FromHours(parse.GetValue(hours))));
            return 0;
        });
        return command;
    }
}
