mod cli;
mod network;
mod pipeline;
mod score;
mod serve;
