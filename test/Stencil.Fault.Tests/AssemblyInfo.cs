// Classes run one at a time: they time and kill processes, and the CI machine has two cores.
[assembly: Microsoft.VisualStudio.TestTools.UnitTesting.DoNotParallelize]
