// Placeholder entry point until the sample generator lands.
return 0;
