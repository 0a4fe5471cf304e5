// Placeholder entry point until the API lands (issue 5).
return 0;
