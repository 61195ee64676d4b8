using Contest.Evaluator.Hosting;

return await EvaluatorCli.RunAsync(args);
