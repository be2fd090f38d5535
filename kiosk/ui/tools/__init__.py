"""Qt developer tools: screenshots and the live benchmark; never needed at run time."""
