// The service itself is not the point of the sample: its migrations/ folder is. A real service would
// start here once the pre-deploy job (`migrations up`) has brought the schema up to date.
Console.WriteLine("Inventory.Service: schema is managed by the files in migrations/.");
