"""Reports for HR: what a period adds up to, written as files people open."""
