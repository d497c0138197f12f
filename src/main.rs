//! The `dossier` command line: Chinese help and messages, exit status 0 when all is well,
//! 1 when the data has errors, 2 for usage or I/O failures.

use std::ffi::OsString;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{ArgAction, CommandFactory, Parser, Subcommand};

mod cli;

const HELP: &str = "\
{before-help}{about}

用法：{usage}

{all-args}{after-help}";

#[derive(Parser)]
#[command(
    name = "dossier",
    version,
    about = "由每个集群的一份 YAML 数据生成中小企业特色产业集群申报、复核的全套材料：\n申报表、复核表、汇总表、现场核查符合性说明（DOCX 与 PDF）和装订用的佐证材料册。",
    help_template = HELP,
    disable_help_flag = true,
    disable_version_flag = true,
    disable_help_subcommand = true,
    subcommand_help_heading = "命令",
    next_help_heading = "选项",
    override_usage = "dossier <命令> [选项] …（dossier <命令> --help 查看各命令的用法）"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// 显示帮助
    #[arg(short, long, action = ArgAction::Help, global = true)]
    help: Option<bool>,
    /// 显示版本
    #[arg(short = 'V', long, action = ArgAction::Version)]
    version: Option<bool>,
}

#[derive(Subcommand)]
enum Command {
    /// 检查数据并生成全部材料（集群目录或其 cluster.yaml；市目录或其 city.yaml）
    #[command(help_template = HELP, next_help_heading = "选项", override_usage = "dossier build [选项] <路径>...")]
    Build(BuildArgs),
    /// 先生成全部材料，之后每当 YAML、名单表格或佐证材料（含新增、删除的文件）有变化就重新生成有关的部分（按 Ctrl-C 结束）
    #[command(help_template = HELP, next_help_heading = "选项", override_usage = "dossier watch [选项] <路径>...")]
    Watch(BuildArgs),
    /// 按通知的全部要求检查数据，列出每处错误和警告
    #[command(help_template = HELP, next_help_heading = "选项", override_usage = "dossier check [选项] <路径>...")]
    Check {
        /// 集群或市的目录（或其中的 cluster.yaml / city.yaml），可写多个
        #[arg(required = true, value_name = "路径", help_heading = "参数", value_parser = cli::paths::parser())]
        paths: Vec<PathBuf>,
        /// 输出格式：text（给人看，默认）或 json（给其他程序）
        #[arg(
            long,
            value_name = "格式",
            default_value = "text",
            hide_default_value = true,
            hide_possible_values = true
        )]
        format: cli::Format,
    },
    /// 新建一个集群（或市、省）的目录：带中文注释的 YAML 模板和按目录编号的佐证材料文件夹
    #[command(help_template = HELP, next_help_heading = "选项", override_usage = "dossier init [选项] <目录>")]
    Init {
        /// 要创建的目录
        #[arg(value_name = "目录", help_heading = "参数", value_parser = cli::paths::parser())]
        dir: PathBuf,
        /// 本次报送的材料：省级申报、国家级申报、省级复核、国家级复核中的一项或几项，用逗号分隔，如 --submissions 省级申报,国家级申报（默认：省级申报）。模板中写好这些材料要求填写的各项
        #[arg(long, value_name = "材料", conflicts_with_all = ["city", "province", "review"])]
        submissions: Option<String>,
        /// 复核用的模板：省级复核和国家级复核（填写近三年目标完成情况，而不是申报表二至七部分）
        #[arg(long, conflicts_with_all = ["city", "province"])]
        review: bool,
        /// 市级模板（city.yaml：推荐和复核的集群、现场核查日期等）
        #[arg(long, conflicts_with = "province")]
        city: bool,
        /// 省级模板（province.yaml：填入附件3、附件6 省级意见栏的推荐意见和复核意见）
        #[arg(long)]
        province: bool,
    },
    /// 为一个集群或某目录下的每个集群生成标准的现场核查符合性说明（附件8，DOCX 与 PDF）
    #[command(
        name = "verify-statement",
        help_template = HELP,
        next_help_heading = "选项",
        override_usage = "dossier verify-statement [选项] <路径>..."
    )]
    VerifyStatement {
        /// 集群目录，或包含多个集群的目录（逐个查找其中的 cluster.yaml）
        #[arg(required = true, value_name = "路径", help_heading = "参数", value_parser = cli::paths::parser())]
        paths: Vec<PathBuf>,
        /// 输出目录（默认 out/现场核查符合性说明）
        #[arg(
            long,
            value_name = "目录",
            default_value = "out/现场核查符合性说明",
            hide_default_value = true,
            value_parser = cli::paths::parser()
        )]
        out: PathBuf,
        /// 落款日期，如 2026-05-09（不填时取所在市 city.yaml 的现场核查日期，再没有则留空手写）
        #[arg(long, value_name = "日期")]
        date: Option<String>,
        /// 只用 dossier 自带的开源字体
        #[arg(long)]
        bundled_fonts: bool,
    },
    /// 把一个集群 cluster.yaml 中的名单与清单导出为 dossier 读取的 Excel 表格（默认写到集群目录下的 名单.xlsx）
    #[command(
        name = "export-lists",
        help_template = HELP,
        next_help_heading = "选项",
        override_usage = "dossier export-lists [选项] <路径>"
    )]
    ExportLists {
        /// 集群目录（或其中的 cluster.yaml）
        #[arg(value_name = "路径", help_heading = "参数", value_parser = cli::paths::parser())]
        path: PathBuf,
        /// 写到哪个文件（默认集群目录下的 名单.xlsx）
        #[arg(long, value_name = "文件", value_parser = cli::paths::parser())]
        out: Option<PathBuf>,
        /// 文件已存在时覆盖
        #[arg(long)]
        force: bool,
    },
    /// 在浏览器中打开工作台：按表格填写和检查数据、拖入佐证材料、生成并打印（按 Ctrl-C 结束）
    #[command(help_template = HELP, next_help_heading = "选项", override_usage = "dossier serve [选项] [路径]")]
    Serve {
        /// 集群或市的目录（或其中的 cluster.yaml / city.yaml），默认当前目录
        #[arg(value_name = "路径", default_value = ".", hide_default_value = true, help_heading = "参数", value_parser = cli::paths::parser())]
        path: PathBuf,
        /// 不自动打开浏览器（只显示地址）
        #[arg(long)]
        no_browser: bool,
        /// 只用 dossier 自带的开源字体
        #[arg(long)]
        bundled_fonts: bool,
    },
    /// 输出 YAML 的 JSON Schema（带中文标题），供 VS Code 等编辑器补全和提示
    #[command(help_template = HELP, next_help_heading = "选项", override_usage = "dossier schema [选项]")]
    Schema {
        /// 输出 city.yaml 的 Schema（默认 cluster.yaml）
        #[arg(long, conflicts_with = "province")]
        city: bool,
        /// 输出 province.yaml 的 Schema
        #[arg(long)]
        province: bool,
    },
}

/// What `build` and `watch` take.
#[derive(clap::Args)]
struct BuildArgs {
    /// 集群或市的目录（或其中的 cluster.yaml / city.yaml），可写多个
    #[arg(required = true, value_name = "路径", help_heading = "参数", value_parser = cli::paths::parser())]
    paths: Vec<PathBuf>,
    /// 输出目录（默认 out）
    #[arg(long, value_name = "目录", default_value = "out", hide_default_value = true, value_parser = cli::paths::parser())]
    out: PathBuf,
    /// 草稿：数据仍有错误时也生成，每页带“草稿”字样
    #[arg(long)]
    draft: bool,
    /// 单面打印（默认双面：每一项从奇数页开始）
    #[arg(long)]
    simplex: bool,
    /// 只用 dossier 自带的开源字体（不找本机安装的官方字体），便于在不同电脑上得到相同的 PDF
    #[arg(long)]
    bundled_fonts: bool,
    /// 不用构建缓存（输出目录下的 .cache）：每个文档重新排版、每个扫描件重新处理，结果完全相同
    #[arg(long)]
    no_cache: bool,
}

impl BuildArgs {
    fn options(&self) -> anyhow::Result<cli::BuildOptions> {
        Ok(cli::BuildOptions {
            out: cli::paths::writable(&self.out)?,
            draft: self.draft,
            duplex: !self.simplex,
            bundled_fonts: self.bundled_fonts,
            cache: !self.no_cache,
        })
    }
}

fn main() -> ExitCode {
    let code = run();
    cli::desktop::keep_window_open();
    code
}

fn run() -> ExitCode {
    let args: Vec<OsString> = std::env::args_os().skip(1).collect();
    let command = Cli::command();
    let commands: Vec<&str> = command.get_subcommands().map(|c| c.get_name()).collect();
    if let Some(launch) = cli::desktop::Launch::of(&args, &commands) {
        return launch.run();
    }
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => return usage_error(error),
    };
    let result = match cli.command {
        Command::Build(args) => args.options().and_then(|options| cli::build(&args.paths, &options)),
        Command::Watch(args) => args.options().and_then(|options| cli::watch(&args.paths, &options)),
        Command::Check { paths, format } => cli::check(&paths, format),
        Command::Init { dir, submissions, review, city, province } => {
            cli::init(&dir, cli::InitKind::new(submissions.as_deref(), review, city, province))
        }
        Command::VerifyStatement { paths, out, date, bundled_fonts } => {
            cli::verify_statements(&paths, &out, date.as_deref(), bundled_fonts)
        }
        Command::ExportLists { path, out, force } => cli::export_lists(&path, out.as_deref(), force),
        Command::Schema { city, province } => cli::schema(city, province),
        Command::Serve { path, no_browser, bundled_fonts } => cli::serve(&path, bundled_fonts, !no_browser),
    };
    cli::exit_code(result)
}

/// clap's own messages are English; a user here reads Chinese.
fn usage_error(error: clap::Error) -> ExitCode {
    let value = |kind| match error.get(kind) {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(v)) => v.join("、"),
        Some(other) => other.to_string(),
        None => String::new(),
    };
    let message = match error.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            let _ = error.print();
            return ExitCode::SUCCESS;
        }
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand | ErrorKind::MissingSubcommand => {
            "请给出要执行的命令：build（生成材料）、watch（修改后自动重新生成）、check（检查数据）、init（新建目录）、serve（在浏览器中打开工作台）、verify-statement（现场核查符合性说明）、export-lists（名单导出为表格）、schema（输出 Schema）".to_owned()
        }
        ErrorKind::InvalidSubcommand => {
            format!("没有 “{}” 这个命令；可用的命令：build、watch、check、init、serve、verify-statement、export-lists、schema", value(ContextKind::InvalidSubcommand))
        }
        ErrorKind::UnknownArgument => format!("不认识的选项 “{}”", value(ContextKind::InvalidArg)),
        ErrorKind::MissingRequiredArgument => {
            format!("缺少必需的参数：{}", value(ContextKind::InvalidArg))
        }
        ErrorKind::InvalidValue => {
            let valid = match value(ContextKind::ValidValue) {
                valid if valid.is_empty() => valid,
                valid => format!("；可用的值：{valid}"),
            };
            match value(ContextKind::InvalidValue) {
                given if given.is_empty() => format!("选项 {} 后面缺少值{valid}", value(ContextKind::InvalidArg)),
                given => format!("选项 {} 的值 “{given}” 无效{valid}", value(ContextKind::InvalidArg)),
            }
        }
        ErrorKind::ArgumentConflict if value(ContextKind::InvalidArg) == value(ContextKind::PriorArg) => {
            format!("选项 {} 只能给一次", value(ContextKind::InvalidArg))
        }
        ErrorKind::ArgumentConflict => {
            format!("选项 {} 与 {} 不能同时使用", value(ContextKind::InvalidArg), value(ContextKind::PriorArg))
        }
        ErrorKind::TooManyValues => format!(
            "选项 {} 不带值，去掉其后的 “={}”",
            value(ContextKind::InvalidArg),
            value(ContextKind::InvalidValue)
        ),
        // clap's own words are English: name the argument, never pass them on.
        _ => match value(ContextKind::InvalidArg) {
            arg if arg.is_empty() => "命令行有误".to_owned(),
            arg => format!("命令行中 {arg} 有误"),
        },
    };
    eprintln!("错误：{message}\n运行 dossier --help 查看用法。");
    ExitCode::from(2)
}
