using Microsoft.Extensions.Options;

namespace RpPlayground.Runs.Configuration;

/// <summary>Binds a configuration section to its settings record and checks it when the site starts.</summary>
public static class ValidatedOptions
{
    /// <summary>
    /// Binds <paramref name="section"/> to <typeparamref name="T"/>, validates it on start (a bad value stops the start
    /// with a message naming its key) and registers the bound <typeparamref name="T"/> itself for injection.
    /// </summary>
    public static IServiceCollection AddValidatedOptions<T>(this IServiceCollection services, string section) where T : class, IValidatedOptions
    {
        services.AddSingleton<IValidateOptions<T>>(new Validator<T>(section));
        services.AddOptions<T>().BindConfiguration(section).ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<T>>().Value);
        return services;
    }

    sealed class Validator<T>(string section) : IValidateOptions<T> where T : class, IValidatedOptions
    {
        public ValidateOptionsResult Validate(string? name, T options)
        {
            var problems = options.Problems(section).ToArray();
            return problems.Length == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
        }
    }
}
