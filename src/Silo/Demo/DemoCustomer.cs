namespace Warden.Silo.Demo;

/// <summary>One fake row of <c>public.customers</c> in the demo target.</summary>
internal sealed record DemoCustomer(string Name, string Email, string Ssn, string CardNumber);
