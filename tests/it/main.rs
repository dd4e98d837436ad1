mod cli;
mod network;
mod pipeline;
mod reliability;
mod score;
mod serve;
mod world;
