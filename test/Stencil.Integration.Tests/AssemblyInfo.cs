// Every test drives real dotnet builds on a shared machine; running them one at a time keeps timings sane.
[assembly: Microsoft.VisualStudio.TestTools.UnitTesting.DoNotParallelize]
