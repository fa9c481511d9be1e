<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>CompareJob</name>
    <message>
        <source>choose at least one method</source>
        <translation>请至少选择一种方法</translation>
    </message>
    <message>
        <source>give at least one keep ratio</source>
        <translation>请至少给出一个保留比例</translation>
    </message>
</context>
<context>
    <name>ComparisonMethods</name>
    <message>
        <source>EL2N</source>
        <translation>EL2N</translation>
    </message>
    <message>
        <source>GraNd</source>
        <translation>GraNd</translation>
    </message>
    <message>
        <source>forgetting events</source>
        <translation>遗忘次数</translation>
    </message>
    <message>
        <source>AUM</source>
        <translation>AUM</translation>
    </message>
    <message>
        <source>least confidence</source>
        <translation>最低置信度</translation>
    </message>
    <message>
        <source>margin</source>
        <translation>间隔</translation>
    </message>
    <message>
        <source>entropy</source>
        <translation>熵</translation>
    </message>
    <message>
        <source>DQ</source>
        <translation>DQ</translation>
    </message>
    <message>
        <source>Random</source>
        <translation>随机</translation>
    </message>
    <message>
        <source>k-center greedy</source>
        <translation>k-center 贪心</translation>
    </message>
    <message>
        <source>Herding</source>
        <translation>Herding（羊群法）</translation>
    </message>
    <message>
        <source>Moderate-DS</source>
        <translation>Moderate-DS</translation>
    </message>
    <message>
        <source>Uncertainty</source>
        <translation>不确定性</translation>
    </message>
    <message>
        <source>Forgetting</source>
        <translation>遗忘</translation>
    </message>
    <message>
        <source>CCS</source>
        <translation>CCS</translation>
    </message>
    <message>
        <source>Submodular (no bins)</source>
        <translation>子模选择（不分箱）</translation>
    </message>
    <message>
        <source>Dataset Quantization: the same share of every bin and class.</source>
        <translation>数据集量化：从每个箱和每个类别中保留同样的比例。</translation>
    </message>
    <message>
        <source>Random images, as many of every class as DQ keeps, drawn anew for every seed.</source>
        <translation>随机图像，每个类别的数量与 DQ 保留的相同，每个种子重新抽取。</translation>
    </message>
    <message>
        <source>Each next image is the one farthest from those already kept (Sener and Savarese).</source>
        <translation>每次选离已保留图像最远的那张（Sener 和 Savarese）。</translation>
    </message>
    <message>
        <source>Images whose running mean stays closest to the class mean (Welling).</source>
        <translation>使已选图像的均值始终最接近类别均值的图像（Welling）。</translation>
    </message>
    <message>
        <source>Images at the median distance from their class centre (Xia et al.).</source>
        <translation>到类别中心的距离接近中位数的图像（Xia 等）。</translation>
    </message>
    <message>
        <source>The images the trained network is least sure about (least confidence).</source>
        <translation>训练好的网络最没有把握的图像（最低置信度）。</translation>
    </message>
    <message>
        <source>The images with the largest error of the trained network (Paul et al.).</source>
        <translation>训练好的网络误差最大的图像（Paul 等）。</translation>
    </message>
    <message>
        <source>The images with the largest loss gradient (Paul et al., last layer).</source>
        <translation>损失梯度最大的图像（Paul 等，最后一层）。</translation>
    </message>
    <message>
        <source>The images most often forgotten during training (Toneva et al.).</source>
        <translation>训练中最常被遗忘的图像（Toneva 等）。</translation>
    </message>
    <message>
        <source>The images with the lowest margin during training (Pleiss et al.).</source>
        <translation>训练中间隔最小的图像（Pleiss 等）。</translation>
    </message>
    <message>
        <source>Coverage-centric: drop the hardest 10%, then spread the budget over the score range (Zheng et al.).</source>
        <translation>以覆盖为中心：先去掉最难的 10%，再把名额均匀分布在分数范围内（Zheng 等）。</translation>
    </message>
    <message>
        <source>One greedy selection of the whole budget, as DQ does within each bin, without bins.</source>
        <translation>对全部名额做一次贪心选择，与 DQ 在每个箱内的做法相同，但不分箱。</translation>
    </message>
    <message>
        <source>%1 need the scores of a trained network: in Features choose a network (e.g. ConvNet) with 1 or more training epochs, then run Compare again (it runs the Features stage first).</source>
        <translation>%1 需要训练过的网络给出的分数：请在“特征”中选择一个网络（例如 ConvNet）并设置 1 轮或更多训练轮数，然后再次运行“比较”（它会先运行“特征”阶段）。</translation>
    </message>
</context>
<context>
    <name>ComparisonTable</name>
    <message>
        <source>at %1 %2 trains best (%3)</source>
        <translation>在 %1 时 %2 训练效果最好（%3）</translation>
    </message>
    <message>
        <source>at %1 DQ trains best (%2)</source>
        <translation>在 %1 时 DQ 训练效果最好（%2）</translation>
    </message>
    <message>
        <source>at %1 DQ ranks %2 of %3 (%4; best %5, %6)</source>
        <translation>在 %1 时 DQ 在 %3 种方法中排第 %2（%4；最好的是 %5，%6）</translation>
    </message>
    <message>
        <source>. Final-epoch test accuracy, mean ± standard deviation over seeds.</source>
        <translation>。最后一轮的测试准确率，种子间的均值 ± 标准差。</translation>
    </message>
</context>
<context>
    <name>EvaluateJob</name>
    <message>
        <source>Evaluation trains an image classifier: it needs image data.</source>
        <translation>评估要训练一个图像分类器：需要图像数据。</translation>
    </message>
    <message>
        <source>This dataset has no test split to evaluate on.</source>
        <translation>此数据集没有可用于评估的测试集。</translation>
    </message>
    <message>
        <source>Evaluation needs labelled images.</source>
        <translation>评估需要带标签的图像。</translation>
    </message>
</context>
<context>
    <name>EvaluationText</name>
    <message>
        <source>Trained on the reconstructed images a fresh network reached %1, on the same images unreconstructed %2</source>
        <translation>用重建后的图像训练，新网络达到 %1；用未重建的同一批图像训练，达到 %2</translation>
    </message>
    <message>
        <source> (one seed: no spread to compare with).</source>
        <translation>（仅一个种子：没有波动可供比较）。</translation>
    </message>
    <message>
        <source>: the reconstruction costs %1 points, more than the spread over seeds.</source>
        <translation>：重建使准确率下降 %1 个百分点，超过了不同种子间的波动。</translation>
    </message>
    <message>
        <source>: a difference within the spread over seeds.</source>
        <translation>：差异在不同种子间的波动范围之内。</translation>
    </message>
    <message>
        <source>DQ</source>
        <translation>DQ</translation>
    </message>
    <message>
        <source>DQ, reconstructed</source>
        <translation>DQ（重建后）</translation>
    </message>
    <message>
        <source>Random</source>
        <translation>随机</translation>
    </message>
    <message>
        <source>Whole training set</source>
        <translation>整个训练集</translation>
    </message>
    <message>
        <source>%1 ± %2</source>
        <translation>%1 ± %2</translation>
    </message>
    <message>
        <source>%1 images chosen by DQ teach a fresh network to %2 test accuracy</source>
        <translation>DQ 选出的 %1 张图像让新网络达到 %2 的测试准确率</translation>
    </message>
    <message>
        <source>; %1 chosen at random to %2</source>
        <translation>；随机选出的 %1 张达到 %2</translation>
    </message>
    <message>
        <source> (a difference within the spread over seeds)</source>
        <translation>（差异在不同种子间的波动范围之内）</translation>
    </message>
    <message>
        <source>; the same images after patch dropping and reconstruction to %1</source>
        <translation>；同一批图像经过丢弃图块和重建后达到 %1</translation>
    </message>
    <message>
        <source>; all %1 images to %2</source>
        <translation>；全部 %1 张图像达到 %2</translation>
    </message>
    <message>
        <source> (final epoch, one seed).</source>
        <translation>（最后一轮，一个种子）。</translation>
    </message>
    <message>
        <source> (final epoch, mean of %1 seeds).</source>
        <translation>（最后一轮，%1 个种子的均值）。</translation>
    </message>
</context>
<context>
    <name>FashionMnistTour</name>
    <message>
        <source>Too many pictures</source>
        <translation>图片太多了</translation>
    </message>
    <message>
        <source>Show me the pictures</source>
        <translation>看看这些图片</translation>
    </message>
    <message>
        <source>Group similar pictures into bins</source>
        <translation>把相似的图片分进箱子</translation>
    </message>
    <message>
        <source>&lt;p&gt;Every picture becomes a dot; similar pictures lie close together.&lt;/p&gt;&lt;p&gt;Then the pictures are dealt into &lt;b&gt;bins&lt;/b&gt;: bin 0 gets the pictures that stand for the whole collection best, bin 1 the best of the rest, and so on, down to the unusual ones. Each colour is one bin.&lt;/p&gt;</source>
        <translation>&lt;p&gt;每张图片变成一个点，相似的图片彼此靠近。&lt;/p&gt;&lt;p&gt;然后把图片分进若干&lt;b&gt;箱&lt;/b&gt;：箱 0 装最能代表整个数据集的图片，箱 1 装其余图片中最具代表性的，依此类推，直到那些少见的图片。每种颜色代表一个箱。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Make the bins</source>
        <translation>开始分箱</translation>
    </message>
    <message>
        <source>Take a few from every bin</source>
        <translation>从每个箱里取一些</translation>
    </message>
    <message>
        <source>&lt;p&gt;Now keep the same small share of &lt;b&gt;every&lt;/b&gt; bin, and of every kind of clothing in it: here one picture in eight.&lt;/p&gt;&lt;p&gt;Because every bin is sampled, the rare pictures survive too, not only the common ones. The kept pictures have a dark corner.&lt;/p&gt;</source>
        <translation>&lt;p&gt;现在从&lt;b&gt;每个&lt;/b&gt;箱、以及箱中每一类衣物里保留同样的一小部分：这里是每八张留一张。&lt;/p&gt;&lt;p&gt;因为每个箱都被抽样，少见的图片也能留下来，而不只是常见的那些。被保留的图片带有一个深色角标。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Keep one in eight</source>
        <translation>每八张留一张</translation>
    </message>
    <message>
        <source>What you keep</source>
        <translation>你留下了什么</translation>
    </message>
    <message>
        <source>Show the savings</source>
        <translation>看看省了多少</translation>
    </message>
    <message>
        <source>Keep only the telling patches</source>
        <translation>只留下有用的图块</translation>
    </message>
    <message>
        <source>&lt;p&gt;Each kept picture is cut into small squares, &lt;b&gt;patches&lt;/b&gt;. A network that has learnt the kinds of clothes shows which patches made it decide: the &lt;b&gt;heatmap&lt;/b&gt;, red where it looks, blue where it does not.&lt;/p&gt;&lt;p&gt;The dullest patches, one in five here, are dropped and not stored. The first time, two small networks learn from the pictures for this: a few minutes.&lt;/p&gt;</source>
        <translation>&lt;p&gt;每张保留的图片被切成许多小方块，叫&lt;b&gt;图块&lt;/b&gt;。一个学会了分辨衣服种类的网络会指出是哪些图块让它做出判断：这就是&lt;b&gt;热力图&lt;/b&gt;，红色是它看的地方，蓝色是它不看的地方。&lt;/p&gt;&lt;p&gt;最没用的图块（这里是五分之一）被丢掉，不再存储。第一次运行时，两个小网络要先从图片中学习，需要几分钟。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Drop the dull patches</source>
        <translation>丢掉没用的图块</translation>
    </message>
    <message>
        <source>Paint the rest back</source>
        <translation>把其余部分画回来</translation>
    </message>
    <message>
        <source>&lt;p&gt;A model that has seen many pictures of clothes paints the dropped patches back from the kept ones. Compare the painted picture with the original: the numbers under it say how close it is (higher is closer).&lt;/p&gt;&lt;p&gt;Move the &lt;b&gt;mask ratio&lt;/b&gt; slider: drop more patches and the painting gets harder.&lt;/p&gt;</source>
        <translation>&lt;p&gt;一个看过很多衣服图片的模型，根据保留下来的图块把丢掉的图块画回来。把画回来的图片和原图比一比：下面的数字说明两者有多接近（越大越接近）。&lt;/p&gt;&lt;p&gt;拖动&lt;b&gt;掩码比例&lt;/b&gt;滑块：丢掉的图块越多，画回来就越难。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Show the painted pictures</source>
        <translation>看看画回来的图片</translation>
    </message>
    <message>
        <source>&lt;p&gt;Measured just now on 10,000 test pictures the networks had never seen. More seeds and epochs (Evaluate, in the parameters) make the comparison firmer.&lt;/p&gt;</source>
        <translation>&lt;p&gt;刚刚在 10,000 张网络从未见过的测试图片上测得。更多的种子和训练轮数（参数中的“评估”）会让比较更可靠。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;Does the small part teach as well? A fresh network learns from the kept pictures only, another from as many pictures picked at random, and both are tested on 10,000 pictures they have never seen.&lt;/p&gt;&lt;p&gt;This takes about %1 minutes on a laptop.&lt;/p&gt;</source>
        <translation>&lt;p&gt;这一小部分能教得一样好吗？一个新网络只用保留的图片学习，另一个用同样数量的随机图片学习，然后两者都在 10,000 张从未见过的图片上测试。&lt;/p&gt;&lt;p&gt;在笔记本电脑上大约需要 %1 分钟。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;Fashion-MNIST holds &lt;b&gt;60,000&lt;/b&gt; small pictures of clothes in 10 kinds: T-shirts, trousers, shoes, bags and more.&lt;/p&gt;&lt;p&gt;Teaching a computer with all of them takes time and storage. &lt;b&gt;Dataset Quantization&lt;/b&gt; picks a small part meant to teach nearly as well as the whole; the last step measures how well it does.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Fashion-MNIST 有 &lt;b&gt;60,000&lt;/b&gt; 张小小的服饰图片，分为 10 类：T 恤、裤子、鞋、包等等。&lt;/p&gt;&lt;p&gt;用全部图片教计算机既费时又占存储空间。&lt;b&gt;数据集量化&lt;/b&gt;挑出一小部分，目标是教得几乎和全部一样好；最后一步会测量它做得如何。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;The kept pictures are a small part of the data, and only their telling patches are stored.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Export&lt;/b&gt; writes the list of kept pictures, the bins, the painted pictures and a report to share.&lt;/p&gt;</source>
        <translation>&lt;p&gt;保留的图片只是数据的一小部分，而且只存储它们有信息量的图块。&lt;/p&gt;&lt;p&gt;&lt;b&gt;导出&lt;/b&gt;会写出保留图片的列表、分箱、重新绘制的图片以及一份可分享的报告。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Does it teach?</source>
        <translation>它能教好吗？</translation>
    </message>
    <message>
        <source>Train and compare</source>
        <translation>训练并比较</translation>
    </message>
</context>
<context>
    <name>FeaturesJob</name>
    <message>
        <source>The dataset already holds features: the feature model is not used.</source>
        <translation>该数据集本身就是特征：不使用特征模型。</translation>
    </message>
</context>
<context>
    <name>Format</name>
    <message>
        <source>B</source>
        <translation>B</translation>
    </message>
    <message>
        <source>kB</source>
        <translation>kB</translation>
    </message>
    <message>
        <source>MB</source>
        <translation>MB</translation>
    </message>
    <message>
        <source>GB</source>
        <translation>GB</translation>
    </message>
    <message>
        <source>TB</source>
        <translation>TB</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>%1%</source>
        <translation>%1%</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 分 %2 秒</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 小时 %2 分</translation>
    </message>
</context>
<context>
    <name>PixelStage</name>
    <message>
        <source>Open a dataset of images first.</source>
        <translation>请先打开一个图片数据集。</translation>
    </message>
    <message>
        <source>Instruction data has no pixels: the Pixels stage applies to images only.</source>
        <translation>指令数据没有像素：“像素”阶段只适用于图片。</translation>
    </message>
    <message>
        <source>Precomputed features hold no pixels: the Pixels stage applies to images only.</source>
        <translation>预先计算的特征没有像素：“像素”阶段只适用于图片。</translation>
    </message>
</context>
<context>
    <name>Project</name>
    <message>
        <source>not a DQ Studio project (not valid JSON: %1)</source>
        <translation>不是 DQ Studio 项目（不是有效的 JSON：%1）</translation>
    </message>
    <message>
        <source>not a DQ Studio project (&quot;format&quot; is not &quot;dq-project&quot;)</source>
        <translation>不是 DQ Studio 项目（&quot;format&quot; 不是 &quot;dq-project&quot;）</translation>
    </message>
    <message>
        <source>unsupported project format version %1</source>
        <translation>不支持的项目格式版本 %1</translation>
    </message>
    <message>
        <source>&quot;dataset&quot; is missing</source>
        <translation>缺少 &quot;dataset&quot;</translation>
    </message>
    <message>
        <source>parameters: %1</source>
        <translation>参数：%1</translation>
    </message>
</context>
<context>
    <name>ReportWriter</name>
    <message>
        <source>Kept images stored losslessly</source>
        <translation>保留图像的无损存储</translation>
    </message>
    <message>
        <source>%1 as PNG, %2 as lossless WebP, %3 raw</source>
        <translation>PNG 为 %1，无损 WebP 为 %2，原始为 %3</translation>
    </message>
    <message>
        <source>Sampling saving</source>
        <translation>采样节省</translation>
    </message>
    <message>
        <source>%1 of the whole dataset&apos;s %2 raw bytes kept</source>
        <translation>保留了整个数据集 %2 原始字节中的 %1</translation>
    </message>
    <message>
        <source>Pixel step saving</source>
        <translation>像素步骤节省</translation>
    </message>
    <message>
        <source>stored in %1 of the kept images&apos; best lossless size (%2)</source>
        <translation>存储量为保留图像最佳无损大小（%2）的 %1</translation>
    </message>
    <message>
        <source>DQ Studio report: %1</source>
        <translation>DQ Studio 报告：%1</translation>
    </message>
    <message>
        <source>Written %1 by DQ Studio %2 (Dataset Quantization).</source>
        <translation>由 DQ Studio %2（数据集量化）于 %1 生成。</translation>
    </message>
    <message>
        <source>What was done</source>
        <translation>做了什么</translation>
    </message>
    <message>
        <source>Dataset</source>
        <translation>数据集</translation>
    </message>
    <message>
        <source>Images used</source>
        <translation>使用的图片</translation>
    </message>
    <message>
        <source>Feature model</source>
        <translation>特征模型</translation>
    </message>
    <message>
        <source>, %1 training epochs</source>
        <translation>，训练 %1 轮</translation>
    </message>
    <message>
        <source>Features</source>
        <translation>特征</translation>
    </message>
    <message>
        <source>%1, %2 numbers per image</source>
        <translation>%1，每张图片 %2 个数</translation>
    </message>
    <message>
        <source>Bins</source>
        <translation>分箱</translation>
    </message>
    <message>
        <source>Selection rule</source>
        <translation>选择规则</translation>
    </message>
    <message>
        <source>Keep ratio</source>
        <translation>保留比例</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <source>What came out</source>
        <translation>得到了什么</translation>
    </message>
    <message>
        <source>Kept</source>
        <translation>保留</translation>
    </message>
    <message>
        <source>%1 of %2 images (%3)</source>
        <translation>%2 张中的 %1 张（%3）</translation>
    </message>
    <message>
        <source>Images per bin</source>
        <translation>每个箱的图片数</translation>
    </message>
    <message>
        <source>The parameters are also in parameters.json beside this page.</source>
        <translation>参数也保存在本页旁边的 parameters.json 中。</translation>
    </message>
    <message>
        <source>%1, %2 greedy</source>
        <translation>%1，%2 贪心</translation>
    </message>
    <message>
        <source>Mask ratio</source>
        <translation>掩码比例</translation>
    </message>
    <message>
        <source>%1 (share of patches dropped)</source>
        <translation>%1（丢弃的图块比例）</translation>
    </message>
    <message>
        <source>Patch importance</source>
        <translation>图块重要性</translation>
    </message>
    <message>
        <source>%1, for the %2 class</source>
        <translation>%1，针对%2类别</translation>
    </message>
    <message>
        <source>true</source>
        <translation>真实</translation>
    </message>
    <message>
        <source>predicted</source>
        <translation>预测</translation>
    </message>
    <message>
        <source>Heatmap network</source>
        <translation>热力图网络</translation>
    </message>
    <message>
        <source>Reconstruction</source>
        <translation>重建</translation>
    </message>
    <message>
        <source>Patches kept</source>
        <translation>保留的图块</translation>
    </message>
    <message>
        <source>%1 of %2 per image (%3 x %4 grid of %5-pixel patches)</source>
        <translation>每张图片 %2 个中保留 %1 个（%3 × %4 网格，每块 %5 像素）</translation>
    </message>
    <message>
        <source>Final keep ratio</source>
        <translation>最终保留比例</translation>
    </message>
    <message>
        <source>%1 x %2 = %3</source>
        <translation>%1 × %2 = %3</translation>
    </message>
    <message>
        <source>Reconstruction quality</source>
        <translation>重建质量</translation>
    </message>
    <message>
        <source>PSNR %1 dB, SSIM %2 (mean over the kept images)</source>
        <translation>PSNR %1 dB，SSIM %2（保留图片的平均值）</translation>
    </message>
    <message>
        <source>Kept images, as raw pixels</source>
        <translation>保留的图片（按原始像素计）</translation>
    </message>
    <message>
        <source>%1 instead of %2 for the whole dataset</source>
        <translation>%1，而整个数据集为 %2</translation>
    </message>
    <message>
        <source>Stored after patch dropping</source>
        <translation>丢弃图块后的存储</translation>
    </message>
    <message>
        <source>%1: the kept patches and their positions, instead of %2 for all pixels of the kept images</source>
        <translation>%1：保留的图块及其位置，而保留图片的全部像素为 %2</translation>
    </message>
    <message>
        <source>How well the kept images train</source>
        <translation>保留的图像训练效果如何</translation>
    </message>
    <message>
        <source>Recipe: %1, %2 epochs, batch %3, SGD lr %4 (cosine), momentum %5, weight decay %6, augmentation %7; seeds %8; tested on %9 %10 images.</source>
        <translation>训练方案：%1，%2 轮，批大小 %3，SGD 学习率 %4（余弦退火），动量 %5，权重衰减 %6，数据增强 %7；%8 个种子；在 %10 集的 %9 张图像上测试。</translation>
    </message>
    <message>
        <source>random crop and flip</source>
        <translation>随机裁剪和翻转</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>subset</source>
        <translation>子集</translation>
    </message>
    <message>
        <source>images</source>
        <translation>图像数</translation>
    </message>
    <message>
        <source>final epoch accuracy</source>
        <translation>最后一轮准确率</translation>
    </message>
    <message>
        <source>best epoch (chosen on the test set)</source>
        <translation>最佳一轮（在测试集上挑选）</translation>
    </message>
    <message>
        <source>Every run&apos;s curve is in ../evaluation/curves.csv, the whole result in ../evaluation/evaluation.json.</source>
        <translation>每次运行的曲线见 ../evaluation/curves.csv，完整结果见 ../evaluation/evaluation.json。</translation>
    </message>
    <message>
        <source>Against JPEG and WebP at the same bytes</source>
        <translation>与相同字节数的 JPEG 和 WebP 对比</translation>
    </message>
    <message>
        <source>The %1 kept images: DQ at each mask ratio (every file of its quantized folder; reconstructed by %2) and JPEG and WebP, one file per image, at the qualities that bring their total within 2% of DQ&apos;s bytes. PSNR and SSIM are means against the original images.</source>
        <translation>%1 张保留图片：DQ 在每个掩码比例下（其 quantized 文件夹的全部文件；由 %2 重建），以及 JPEG 和 WebP（每张图片一个文件，质量取使总字节数与 DQ 相差不超过 2% 的值）。PSNR 和 SSIM 为相对原始图片的平均值。</translation>
    </message>
    <message>
        <source>mask ratio</source>
        <translation>掩码比例</translation>
    </message>
    <message>
        <source>stored as</source>
        <translation>存储方式</translation>
    </message>
    <message>
        <source>bytes per image</source>
        <translation>每张图片字节数</translation>
    </message>
    <message>
        <source>quality</source>
        <translation>质量</translation>
    </message>
    <message>
        <source>PSNR (dB)</source>
        <translation>PSNR (dB)</translation>
    </message>
    <message>
        <source>SSIM</source>
        <translation>SSIM</translation>
    </message>
    <message>
        <source>%1 of %2 patches</source>
        <translation>%2 个图块中的 %1 个</translation>
    </message>
    <message>
        <source>(cannot reach DQ&apos;s bytes)</source>
        <translation>（无法达到 DQ 的字节数）</translation>
    </message>
    <message>
        <source>DQ</source>
        <translation>DQ</translation>
    </message>
    <message>
        <source>DQ against the field</source>
        <translation>DQ 与其他选择方法的比较</translation>
    </message>
    <message>
        <source>Every method kept as many images of every class as DQ at each keep ratio, from the same features; a fresh %1 trained %2 epochs on each choice, seeds %3.</source>
        <translation>在每个保留比例下，每种方法都从相同的特征中保留与 DQ 同样多的每类图像；在每种选择上训练一个新的 %1，训练 %2 轮，%3 个种子。</translation>
    </message>
    <message>
        <source>method</source>
        <translation>方法</translation>
    </message>
    <message>
        <source>Final-epoch test accuracy, mean ± standard deviation over seeds; the best of each keep ratio in bold. Every run&apos;s curve is in ../comparison/curves.csv, the whole result in ../comparison/evaluation.json.</source>
        <translation>最后一轮的测试准确率，种子间的均值 ± 标准差；每个保留比例下最好的结果加粗。每次运行的曲线见 ../comparison/curves.csv，完整结果见 ../comparison/evaluation.json。</translation>
    </message>
</context>
<context>
    <name>StageInfo</name>
    <message>
        <source>Dataset</source>
        <translation>数据集</translation>
    </message>
    <message>
        <source>Features</source>
        <translation>特征</translation>
    </message>
    <message>
        <source>Bins</source>
        <translation>分箱</translation>
    </message>
    <message>
        <source>Sample</source>
        <translation>抽样</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Read the images and their labels.</source>
        <translation>读取图片及其标签。</translation>
    </message>
    <message>
        <source>Describe every image by a vector of numbers, so that similar images get similar vectors.</source>
        <translation>用一串数字描述每张图片，使相似的图片得到相似的数字。</translation>
    </message>
    <message>
        <source>Split the data into bins: the first bins hold the most typical images, the last ones the unusual ones.</source>
        <translation>把数据分进若干箱：前面的箱装最典型的图片，后面的箱装少见的图片。</translation>
    </message>
    <message>
        <source>Keep the same share of every bin and class, so that rare kinds of images survive.</source>
        <translation>从每个箱和每个类别中保留同样的比例，让少见的图片也能留下。</translation>
    </message>
    <message>
        <source>Pixels</source>
        <translation>像素</translation>
    </message>
    <message>
        <source>Keep only the most telling patches of every kept image and let a model paint the dropped ones back.</source>
        <translation>每张保留的图片只留下最有用的图块，再让模型把丢掉的图块画回来。</translation>
    </message>
    <message>
        <source>Write the kept indices, the bins, the reconstructed images and a report.</source>
        <translation>写出保留的索引、分箱、重建的图片和一份报告。</translation>
    </message>
    <message>
        <source>Evaluate</source>
        <translation>评估</translation>
    </message>
    <message>
        <source>Train a fresh network on the kept images and on random ones of the same classes, and test how well each learnt.</source>
        <translation>用保留的图像和同类别的随机图像分别训练一个新网络，并测试各自学得如何。</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>比较</translation>
    </message>
    <message>
        <source>Let the field&apos;s selection methods keep as many images of every class as DQ, at several keep ratios, and train a fresh network on each choice.</source>
        <translation>让其他数据选择方法在几个保留比例下保留与 DQ 同样多的每类图像，并在每种选择上训练一个新网络。</translation>
    </message>
</context>
<context>
    <name>StudioParameters</name>
    <message>
        <source>%1: expected text</source>
        <translation>%1：应为文本</translation>
    </message>
    <message>
        <source>%1: expected a number from %2 to %3</source>
        <translation>%1：应为 %2 到 %3 之间的数</translation>
    </message>
    <message>
        <source>seed: expected a whole number</source>
        <translation>seed：应为整数</translation>
    </message>
    <message>
        <source>function: unknown submodular function &apos;%1&apos;</source>
        <translation>function：未知的子模函数 &apos;%1&apos;</translation>
    </message>
    <message>
        <source>greedy: unknown greedy &apos;%1&apos;</source>
        <translation>greedy：未知的贪心算法 &apos;%1&apos;</translation>
    </message>
    <message>
        <source>cam: unknown CAM method &apos;%1&apos; (gradcam++, gradcam or random)</source>
        <translation>cam：未知的 CAM 方法“%1”（gradcam++、gradcam 或 random）</translation>
    </message>
    <message>
        <source>cam_target: expected &apos;predicted&apos; or &apos;label&apos;, got &apos;%1&apos;</source>
        <translation>cam_target：应为“predicted”或“label”，实际为“%1”</translation>
    </message>
    <message>
        <source>recon: unknown reconstruction &apos;%1&apos; (mae-compact, mae:FILE, mae-compact:FILE, inpaint:telea or inpaint:ns)</source>
        <translation>recon：未知的重建方式“%1”（mae-compact、mae:FILE、mae-compact:FILE、inpaint:telea 或 inpaint:ns）</translation>
    </message>
    <message>
        <source>%1: expected true or false</source>
        <translation>%1：应为 true 或 false</translation>
    </message>
    <message>
        <source>eval_model: expected &apos;convnet&apos; or &apos;resnet18&apos;, got &apos;%1&apos;</source>
        <translation>eval_model：应为 “convnet” 或 “resnet18”，实际为 “%1”</translation>
    </message>
    <message>
        <source>%1: &apos;%2&apos; is not a keep ratio in (0, 1]</source>
        <translation>%1：“%2”不是 (0, 1] 内的保留比例</translation>
    </message>
    <message>
        <source>compare_methods: unknown method &apos;%1&apos;</source>
        <translation>compare_methods：未知的方法“%1”</translation>
    </message>
    <message>
        <source>compare_score: unknown score &apos;%1&apos;</source>
        <translation>compare_score：未知的分数“%1”</translation>
    </message>
</context>
<context>
    <name>TextBinsJob</name>
    <message>
        <source>Instruction data is binned by GraphCut, as the reference does; the submodular function setting applies to images.</source>
        <translation>指令数据按参考实现的做法用 GraphCut 分箱；子模函数的设置只用于图片。</translation>
    </message>
</context>
<context>
    <name>TextEmbeddingsJob</name>
    <message>
        <source>Instruction data is binned whole: the limit of %1 is not used.</source>
        <translation>指令数据总是整体分箱：不使用 %1 条的数量限制。</translation>
    </message>
</context>
<context>
    <name>TextOpenJob</name>
    <message>
        <source> (and %1 more)</source>
        <translation>（另有 %1 条）</translation>
    </message>
</context>
<context>
    <name>dqui::ClassHistogram</name>
    <message>
        <source>images</source>
        <translation>图片数</translation>
    </message>
    <message>
        <source>in the dataset</source>
        <translation>数据集中</translation>
    </message>
    <message>
        <source>kept</source>
        <translation>保留</translation>
    </message>
</context>
<context>
    <name>dqui::CodecComparisonPanel</name>
    <message>
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
    <message>
        <source>Against JPEG and WebP at the same bytes</source>
        <translation>与相同字节数的 JPEG 和 WebP 对比</translation>
    </message>
    <message>
        <source>DQ at each mask ratio: the CAM of every kept image once, then its kept patches stored as the Pixels stage stores them and the reconstruction, each ratio about as long as the Pixels stage. JPEG and WebP store every kept image as one file, at the qualities that bring their total within 2% of DQ&apos;s bytes.</source>
        <translation>DQ 在每个掩码比例下：每张保留图片的 CAM 只算一次，然后按“像素”阶段的方式存储其保留图块并重建，每个比例耗时约等于一次“像素”阶段。JPEG 和 WebP 将每张保留图片存为一个文件，质量取使总字节数与 DQ 相差不超过 2% 的值。</translation>
    </message>
    <message>
        <source>Mask ratios:</source>
        <translation>掩码比例：</translation>
    </message>
    <message>
        <source>The fractions of patches DQ drops, separated by commas, each between 0 and 1</source>
        <translation>DQ 丢弃的图块比例，用逗号分隔，每个介于 0 和 1 之间</translation>
    </message>
    <message>
        <source>PSNR</source>
        <translation>PSNR</translation>
    </message>
    <message>
        <source>SSIM</source>
        <translation>SSIM</translation>
    </message>
    <message>
        <source>The quality measure on the vertical axis, against the original images</source>
        <translation>纵轴上的质量指标，相对原始图片</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>对比</translation>
    </message>
    <message>
        <source>Run DQ at these mask ratios and fit JPEG and WebP to its bytes (in the background)</source>
        <translation>在这些掩码比例下运行 DQ，并让 JPEG 和 WebP 匹配其字节数（在后台运行）</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Mask ratios: give numbers between 0 and 1 separated by commas, e.g. 0.2, 0.5.</source>
        <translation>掩码比例：请输入 0 到 1 之间、用逗号分隔的数字，例如 0.2, 0.5。</translation>
    </message>
    <message>
        <source>The comparison failed: %1</source>
        <translation>对比失败：%1</translation>
    </message>
    <message>
        <source>Run the Pixels stage first: the comparison uses its parameters and kept images.</source>
        <translation>请先运行“像素”阶段：对比使用它的参数和保留图片。</translation>
    </message>
    <message>
        <source>Comparing...</source>
        <translation>正在对比…</translation>
    </message>
    <message>
        <source>Not compared yet.</source>
        <translation>尚未对比。</translation>
    </message>
    <message>
        <source>%1 kept images; DQ reconstructed by %2 at mask ratios %3.</source>
        <translation>%1 张保留图片；DQ 由 %2 重建，掩码比例 %3。</translation>
    </message>
    <message>
        <source>Codec points that cannot reach DQ&apos;s bytes within 2%: %1; each is drawn at the bytes the codec needs at its lowest or highest quality.</source>
        <translation>无法在 2% 以内达到 DQ 字节数的编解码器数据点：%1 个；每个都画在该编解码器最低或最高质量所需的字节数处。</translation>
    </message>
    <message>
        <source>bytes per image</source>
        <translation>每张图片字节数</translation>
    </message>
    <message>
        <source>PSNR (dB)</source>
        <translation>PSNR (dB)</translation>
    </message>
    <message>
        <source>DQ (patch dropping + reconstruction)</source>
        <translation>DQ（丢弃图块 + 重建）</translation>
    </message>
    <message>
        <source>JPEG</source>
        <translation>JPEG</translation>
    </message>
    <message>
        <source>WebP</source>
        <translation>WebP</translation>
    </message>
</context>
<context>
    <name>dqui::CompareChoices</name>
    <message>
        <source>Methods and keep ratios</source>
        <translation>方法与保留比例</translation>
    </message>
    <message>
        <source>* Needs the scores of a trained network (Features: a network with 1 or more training epochs).</source>
        <translation>* 需要训练过的网络给出的分数（特征：训练 1 轮或更多轮的网络）。</translation>
    </message>
    <message>
        <source>The methods to compare. Every one keeps as many images of every class as DQ at each keep ratio.</source>
        <translation>要比较的方法。在每个保留比例下，每种方法保留的每类图像数量都与 DQ 相同。</translation>
    </message>
    <message>
        <source>Keep ratios</source>
        <translation>保留比例</translation>
    </message>
    <message>
        <source>Comma-separated shares of the training set, each in (0, 1], e.g. 0.01,0.05,0.125,0.25</source>
        <translation>用逗号分隔的训练集比例，每个都在 (0, 1] 内，例如 0.01,0.05,0.125,0.25</translation>
    </message>
    <message>
        <source>CCS score</source>
        <translation>CCS 分数</translation>
    </message>
    <message>
        <source>The difficulty score CCS spreads its budget over (EL2N, GraNd, forgetting events, AUM or an uncertainty); it needs a trained network.</source>
        <translation>CCS 用来分配名额的难度分数（EL2N、GraNd、遗忘次数、AUM 或一种不确定性）；它需要训练过的网络。</translation>
    </message>
    <message>
        <source>Run comparison</source>
        <translation>运行比较</translation>
    </message>
    <message>
        <source>Run the Compare stage (and the Features and Bins stages first when they are not up to date). Runs trained before, here or on the command line, are read from the cache.</source>
        <translation>运行“比较”阶段（“特征”和“分箱”阶段未更新时先运行它们）。之前在这里或在命令行上训练过的运行会从缓存读取。</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>ConvNet-3 (width %1)</source>
        <translation>ConvNet-3（宽度 %1）</translation>
    </message>
    <message>
        <source>* needs the scores of a trained network.
Trained as the Evaluate parameters say: %1, epochs %2, seeds %3.</source>
        <translation>* 需要训练过的网络给出的分数。
按“评估”参数训练：%1，%2 轮，%3 个种子。</translation>
    </message>
    <message>
        <source>Score trainings</source>
        <translation>评分训练次数</translation>
    </message>
    <message>
        <source>EL2N and GraNd (and CCS over them) averaged over this many trainings of the Features network, each with its own seed (Paul et al. average 10).</source>
        <translation>EL2N 和 GraNd（以及基于它们的 CCS）在特征网络的这么多次训练上取平均，每次训练使用各自的种子（原论文取 10 次的平均）。</translation>
    </message>
</context>
<context>
    <name>dqui::ComparisonView</name>
    <message>
        <source>Comparing: every method selects, then a fresh network trains on each choice for every seed; the status bar shows the progress.</source>
        <translation>正在比较：每种方法先做选择，然后对每个种子在每种选择上训练一个新网络；状态栏显示进度。</translation>
    </message>
    <message>
        <source>Choose methods and keep ratios, then run the comparison: every method keeps as many images of every class as DQ, and a fresh network trains on each choice. It takes minutes per method and ratio on a CPU.</source>
        <translation>选择方法和保留比例，然后运行比较：每种方法保留与 DQ 同样多的每类图像，并在每种选择上训练一个新网络。在 CPU 上每种方法和比例需要几分钟。</translation>
    </message>
    <message>
        <source>These figures belong to other parameters: run the comparison again to update them.</source>
        <translation>这些数字属于其他参数：请再次运行比较来更新。</translation>
    </message>
    <message>
        <source>Show kept by:</source>
        <translation>显示保留者：</translation>
    </message>
    <message>
        <source>Outline the images this method keeps in the Embedding scatter, and offer them in the Samples grid (DQ&apos;s own kept images stay emphasised there)</source>
        <translation>在嵌入散点图中勾出这种方法保留的图像，并在样本网格中提供它们（DQ 自己保留的图像仍然突出显示）</translation>
    </message>
    <message>
        <source>at</source>
        <translation>比例</translation>
    </message>
    <message>
        <source>keep ratio (share of the training set, log scale)</source>
        <translation>保留比例（占训练集的比例，对数刻度）</translation>
    </message>
    <message>
        <source>final test accuracy (%): mean, band ± std over seeds</source>
        <translation>最终测试准确率（%）：均值，阴影带为种子间 ± 标准差</translation>
    </message>
    <message>
        <source>method</source>
        <translation>方法</translation>
    </message>
    <message>
        <source>Final-epoch test accuracy at this keep ratio: mean ± standard deviation over seeds; the best in bold.</source>
        <translation>此保留比例下最后一轮的测试准确率：种子间的均值 ± 标准差；最好的加粗。</translation>
    </message>
    <message>
        <source>%1 images; best epoch %2 (chosen on the test set); %3</source>
        <translation>%1 张图像；最佳一轮 %2（在测试集上挑选）；%3</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>%1 at %2</source>
        <translation>%1（%2）</translation>
    </message>
</context>
<context>
    <name>dqui::CompositionView</name>
    <message>
        <source>bin (0: the most typical images)</source>
        <translation>箱（0：最典型的图片）</translation>
    </message>
    <message>
        <source>images</source>
        <translation>图片数</translation>
    </message>
    <message>
        <source>greedy objective</source>
        <translation>贪心目标值</translation>
    </message>
    <message>
        <source>class %1</source>
        <translation>类别 %1</translation>
    </message>
    <message>
        <source>bin (0: the most typical records)</source>
        <translation>箱（0：最典型的记录）</translation>
    </message>
    <message>
        <source>records</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>Once the Bins stage has run, this view shows what each bin holds.</source>
        <translation>“分箱”阶段运行后，这里显示每个箱装了什么。</translation>
    </message>
    <message>
        <source>Bin</source>
        <translation>箱</translation>
    </message>
    <message>
        <source>Records that show it</source>
        <translation>代表它的记录</translation>
    </message>
    <message>
        <source>Images that show it (one per class)</source>
        <translation>代表它的图片（每类一张）</translation>
    </message>
    <message>
        <source>Similarity to its class</source>
        <translation>与所属类别的相似度</translation>
    </message>
    <message>
        <source>Distance to class centre</source>
        <translation>到类别中心的距离</translation>
    </message>
    <message>
        <source>Greedy objective</source>
        <translation>贪心目标值</translation>
    </message>
    <message>
        <source>The mean cosine similarity of a member&apos;s features to the mean of its class, ± its standard deviation in the bin: high for typical members, lower for unusual ones.</source>
        <translation>成员特征与其类别均值的平均余弦相似度，± 该箱内的标准差：典型成员较高，少见成员较低。</translation>
    </message>
    <message>
        <source>The mean distance of a member&apos;s features to the mean of its class.</source>
        <translation>成员特征到其类别均值的平均距离。</translation>
    </message>
    <message>
        <source>How much the bin&apos;s picks added to the selection rule, summed: bins chosen earlier cover the data better.</source>
        <translation>该箱所选图片对选择规则的贡献之和：越早选出的箱对数据的覆盖越好。</translation>
    </message>
    <message>
        <source>%1
(the rest: not chosen
greedily, no objective)</source>
        <translation>%1
（其余部分：非贪心
选出，无目标值）</translation>
    </message>
    <message>
        <source>Bin 0 holds the most typical records, the last bin the outliers.</source>
        <translation>箱 0 装最典型的记录，最后一个箱装离群的记录。</translation>
    </message>
    <message>
        <source>Bin 0 holds the most typical images, the last bin the outliers.</source>
        <translation>箱 0 装最典型的图片，最后一个箱装离群的图片。</translation>
    </message>
    <message>
        <source>Every bin holds as many of each class as the others, give or take one (the balanced form), so the bars are equal by construction. The bins differ in which images they hold: see the rows below. %1</source>
        <translation>每个箱中各类别的数量与其他箱相同，最多相差一张（均衡形式），所以柱子按构造就是一样高的。各箱的区别在于装的是哪些图片：见下面各行。%1</translation>
    </message>
    <message>
        <source>%1 ± %2</source>
        <translation>%1 ± %2</translation>
    </message>
    <message>
        <source>none (the rest)</source>
        <translation>无（其余部分）</translation>
    </message>
    <message>
        <source>The last bin holds what the greedy bins left: it is not chosen by the selection rule, so it has no objective.</source>
        <translation>最后一个箱装的是贪心选出的箱剩下的图片：它不是按选择规则选出的，所以没有目标值。</translation>
    </message>
</context>
<context>
    <name>dqui::DatasetPanel</name>
    <message>
        <source>Dataset</source>
        <translation>数据集</translation>
    </message>
    <message>
        <source>Open Fashion-MNIST</source>
        <translation>打开 Fashion-MNIST</translation>
    </message>
    <message>
        <source>60,000 small pictures of clothes in 10 classes, installed with DQ Studio. Nothing is downloaded.</source>
        <translation>60,000 张衣物小图，共 10 类，随 DQ Studio 一起安装。不会下载任何东西。</translation>
    </message>
    <message>
        <source>IDX folder…</source>
        <translation>IDX 文件夹…</translation>
    </message>
    <message>
        <source>A folder of MNIST-style files (train-images-idx3-ubyte and train-labels-idx1-ubyte, gzip or not)</source>
        <translation>MNIST 格式文件所在的文件夹（train-images-idx3-ubyte 和 train-labels-idx1-ubyte，可为 gzip 压缩）</translation>
    </message>
    <message>
        <source>CIFAR-10…</source>
        <translation>CIFAR-10…</translation>
    </message>
    <message>
        <source>The CIFAR-10 folder: cifar-10-batches-py (Python) or cifar-10-batches-bin (binary)</source>
        <translation>CIFAR-10 文件夹：cifar-10-batches-py（Python 版）或 cifar-10-batches-bin（二进制版）</translation>
    </message>
    <message>
        <source>Image folders…</source>
        <translation>图片文件夹…</translation>
    </message>
    <message>
        <source>One sub-folder of images per class (torchvision&apos;s ImageFolder); train/ and val/ become the splits</source>
        <translation>每个类别一个图片子文件夹（torchvision 的 ImageFolder）；train/ 和 val/ 分别作为训练集和验证集</translation>
    </message>
    <message>
        <source>Features (.npy)…</source>
        <translation>特征 (.npy)…</translation>
    </message>
    <message>
        <source>Features you computed elsewhere: an N x D .npy file, and optionally N labels in a second .npy file</source>
        <translation>在别处算好的特征：一个 N x D 的 .npy 文件，可另附一个含 N 个标签的 .npy 文件</translation>
    </message>
    <message>
        <source>Or type a dataset spec:</source>
        <translation>或输入数据集描述：</translation>
    </message>
    <message>
        <source>e.g. cifar10:/data/cifar-10-batches-py</source>
        <translation>例如 cifar10:/data/cifar-10-batches-py</translation>
    </message>
    <message>
        <source>fashion-mnist[:DIR], idx:DIR, cifar10:DIR, imagefolder:DIR or npy:FEATURES.npy[,LABELS.npy]</source>
        <translation>fashion-mnist[:目录]、idx:目录、cifar10:目录、imagefolder:目录 或 npy:FEATURES.npy[,LABELS.npy]</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>Recent datasets:</source>
        <translation>最近的数据集：</translation>
    </message>
    <message>
        <source>(none yet)</source>
        <translation>（暂无）</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>No dataset open yet.</source>
        <translation>还没有打开数据集。</translation>
    </message>
    <message>
        <source>%1: %2 training images, %3 classes</source>
        <translation>%1：%2 张训练图片，%3 个类别</translation>
    </message>
    <message>
        <source>NumPy arrays (*.npy)</source>
        <translation>NumPy 数组 (*.npy)</translation>
    </message>
    <message>
        <source>Features (N x D)</source>
        <translation>特征 (N x D)</translation>
    </message>
    <message>
        <source>Labels (N integers; cancel for none)</source>
        <translation>标签（N 个整数；取消表示没有标签）</translation>
    </message>
    <message>
        <source>Instruction data (JSON)…</source>
        <translation>指令数据（JSON）…</translation>
    </message>
    <message>
        <source>Instruction records for fine-tuning a language model: a JSON list or one JSON record per line, with instruction, input and output fields; optionally their embeddings as an N x D .npy file (else TF-IDF embeddings are computed)</source>
        <translation>用于微调语言模型的指令记录：JSON 列表或每行一条 JSON 记录，含指令、输入和输出字段；可另附它们的嵌入向量（N x D 的 .npy 文件），否则计算 TF-IDF 嵌入</translation>
    </message>
    <message>
        <source>%1: %2 instruction records</source>
        <translation>%1：%2 条指令记录</translation>
    </message>
    <message>
        <source>Instruction data</source>
        <translation>指令数据</translation>
    </message>
    <message>
        <source>Instruction data (*.json *.jsonl);;All files (*)</source>
        <translation>指令数据 (*.json *.jsonl);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Embeddings (N x D, one row per record; cancel for TF-IDF)</source>
        <translation>嵌入向量（N x D，每条记录一行；取消则用 TF-IDF）</translation>
    </message>
</context>
<context>
    <name>dqui::DatasetView</name>
    <message>
        <source>No dataset is open. Open Fashion-MNIST with one click, or a folder of your own, from the panel on the left.</source>
        <translation>还没有打开数据集。在左侧面板中一键打开 Fashion-MNIST，或打开你自己的文件夹。</translation>
    </message>
    <message>
        <source>Training split: %1 images</source>
        <translation>训练集：%1 张图片</translation>
    </message>
    <message>
        <source>test split: %1 images</source>
        <translation>测试集：%1 张图片</translation>
    </message>
    <message>
        <source>Images of %1 × %2 pixels, %3 channel(s)%4</source>
        <translation>图片大小 %1 × %2 像素，%3 个通道%4</translation>
    </message>
    <message>
        <source> (sizes differ; this is the first image&apos;s)</source>
        <translation>（尺寸不一；这是第一张图片的尺寸）</translation>
    </message>
    <message>
        <source>Precomputed features of %1 numbers per sample</source>
        <translation>预先算好的特征，每个样本 %1 个数</translation>
    </message>
    <message>
        <source>%1 classes</source>
        <translation>%1 个类别</translation>
    </message>
</context>
<context>
    <name>dqui::EvaluateParametersGroup</name>
    <message>
        <source>Evaluate</source>
        <translation>评估</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>网络</translation>
    </message>
    <message>
        <source>The network trained from scratch on the kept images to judge them (never the one that chose them). ConvNet-3 trains in minutes on a CPU; ResNet-18 is the reference&apos;s choice and wants a GPU.</source>
        <translation>用保留的图像从头训练、用来评判它们的网络（绝不是选出它们的那个网络）。ConvNet-3 在 CPU 上几分钟即可训练完；ResNet-18 是参考实现的选择，需要 GPU。</translation>
    </message>
    <message>
        <source>ConvNet-3</source>
        <translation>ConvNet-3</translation>
    </message>
    <message>
        <source>ResNet-18 (CIFAR form)</source>
        <translation>ResNet-18（CIFAR 结构）</translation>
    </message>
    <message>
        <source>ConvNet width</source>
        <translation>ConvNet 宽度</translation>
    </message>
    <message>
        <source>Channels of each ConvNet block: 128 in the dataset-distillation papers; narrower trains faster.</source>
        <translation>每个 ConvNet 块的通道数：数据集蒸馏论文中为 128；更窄的训练更快。</translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation>训练轮数</translation>
    </message>
    <message>
        <source>Passes over the kept images. The reference trains 200; a few already rank subsets on a CPU.</source>
        <translation>在保留图像上训练的遍数。参考实现训练 200 轮；在 CPU 上几轮就足以给子集排出高下。</translation>
    </message>
    <message>
        <source>Seeds</source>
        <translation>种子数</translation>
    </message>
    <message>
        <source>How many times every training is repeated with another seed (initial weights, order, augmentation and the random draw). Results are the mean and spread over them: one seed is noise.</source>
        <translation>每次训练用不同种子重复的次数（初始权重、顺序、数据增强和随机抽取）。结果取它们的均值和波动：只用一个种子只是噪声。</translation>
    </message>
    <message>
        <source>Compare with random images of the same classes</source>
        <translation>与同类别的随机图像比较</translation>
    </message>
    <message>
        <source>The baseline every selection method must beat: as many images of every class, drawn at random, anew for every seed.</source>
        <translation>每种选择方法都必须超越的基线：每个类别随机抽取同样数量的图像，每个种子重新抽取。</translation>
    </message>
    <message>
        <source>Compare with the reconstructed images</source>
        <translation>与重建后的图像比较</translation>
    </message>
    <message>
        <source>Train also on the kept images after patch dropping and reconstruction (the Pixels stage): what the pixel step costs in accuracy.</source>
        <translation>同时用丢弃图块并重建后的保留图像训练（像素阶段）：像素步骤在准确率上的代价。</translation>
    </message>
    <message>
        <source>Compare with the whole training set</source>
        <translation>与整个训练集比较</translation>
    </message>
    <message>
        <source>Train also on every training image: the accuracy a compression tries to keep (slow).</source>
        <translation>同时用全部训练图像训练：压缩力求保持的准确率（较慢）。</translation>
    </message>
    <message>
        <source>Ratio sweep</source>
        <translation>比例扫描</translation>
    </message>
    <message>
        <source>Keep ratios to draw from the bins as well, each beside a random subset of the same classes: the accuracy against keep ratio curve, e.g. 0.01, 0.05, 0.125, 0.25. Empty: no sweep.</source>
        <translation>同时从分箱中按这些保留比例抽取，每个比例旁配一个同类别的随机子集：得到准确率随保留比例变化的曲线，例如 0.01, 0.05, 0.125, 0.25。留空：不扫描。</translation>
    </message>
    <message>
        <source>e.g. 0.01, 0.05, 0.25</source>
        <translation>例如 0.01, 0.05, 0.25</translation>
    </message>
</context>
<context>
    <name>dqui::EvaluationView</name>
    <message>
        <source>Training: %1 epochs for each of %2 seeds; the curves fill in as epochs finish.</source>
        <translation>训练中：每个种子 %1 轮，共 %2 个种子；每轮结束时曲线会更新。</translation>
    </message>
    <message>
        <source>Run the Evaluate stage: it trains a fresh network on the kept images and on random images of the same classes, then tests each on the test split. It takes a few minutes on a CPU.</source>
        <translation>运行“评估”阶段：它用保留的图像和同类别的随机图像分别训练一个新网络，再在测试集上测试。在 CPU 上需要几分钟。</translation>
    </message>
    <message>
        <source>These figures belong to other parameters: run the Evaluate stage again to update them.</source>
        <translation>这些数字来自其他参数：再次运行“评估”阶段以更新。</translation>
    </message>
    <message>
        <source>epoch</source>
        <translation>轮</translation>
    </message>
    <message>
        <source>test accuracy (%): mean, band ± std over seeds</source>
        <translation>测试准确率（%）：均值，阴影为种子间 ± 标准差</translation>
    </message>
    <message>
        <source>subset</source>
        <translation>子集</translation>
    </message>
    <message>
        <source>images</source>
        <translation>图像数</translation>
    </message>
    <message>
        <source>final epoch accuracy</source>
        <translation>最后一轮准确率</translation>
    </message>
    <message>
        <source>best epoch*</source>
        <translation>最佳一轮*</translation>
    </message>
    <message>
        <source>minutes</source>
        <translation>分钟</translation>
    </message>
    <message>
        <source>The best epoch is chosen on the test set, which flatters it; the final epoch is the honest figure.</source>
        <translation>最佳一轮是在测试集上挑选的，会高估结果；最后一轮才是诚实的数字。</translation>
    </message>
    <message>
        <source>DQ</source>
        <translation>DQ</translation>
    </message>
    <message>
        <source>Random</source>
        <translation>随机</translation>
    </message>
    <message>
        <source>keep ratio (%)</source>
        <translation>保留比例（%）</translation>
    </message>
    <message>
        <source>final test accuracy (%)</source>
        <translation>最终测试准确率（%）</translation>
    </message>
</context>
<context>
    <name>dqui::ExportDialog</name>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Choose the folder</source>
        <translation>选择文件夹</translation>
    </message>
    <message>
        <source>Export into</source>
        <translation>导出到</translation>
    </message>
    <message>
        <source>Kept indices: %1 (load with numpy.load)</source>
        <translation>保留的索引：%1（用 numpy.load 读取）</translation>
    </message>
    <message>
        <source>Bins: bins/ (one .npy of indices per bin, labels.npy, bins.json)</source>
        <translation>分箱：bins/（每个箱一个索引 .npy 文件，以及 labels.npy、bins.json）</translation>
    </message>
    <message>
        <source>Report: report/index.html with the plots as PNG and the parameters as JSON</source>
        <translation>报告：report/index.html，图表为 PNG，参数为 JSON</translation>
    </message>
    <message>
        <source>Every file appears complete or not at all; a folder that DQ Studio did not write is never replaced.</source>
        <translation>每个文件要么完整出现，要么根本不出现；不是 DQ Studio 写的文件夹绝不会被替换。</translation>
    </message>
    <message>
        <source>Open the folder</source>
        <translation>打开文件夹</translation>
    </message>
    <message>
        <source>Folder:</source>
        <translation>文件夹：</translation>
    </message>
    <message>
        <source>Writing…</source>
        <translation>正在写入…</translation>
    </message>
    <message>
        <source>Written:</source>
        <translation>已写入：</translation>
    </message>
    <message>
        <source>Subset: %1 (the kept records, in the input&apos;s format and field order), %2 (their indices, for numpy.load) and %3 (how they were chosen)</source>
        <translation>子集：%1（保留的记录，格式和字段顺序与输入相同）、%2（它们的下标，可用 numpy.load 读取）和 %3（它们是如何选出的）</translation>
    </message>
    <message>
        <source>Every file appears complete or not at all, the manifest last; files of the same name are replaced.</source>
        <translation>每个文件要么完整出现，要么根本不出现，清单文件最后写入；同名文件会被替换。</translation>
    </message>
    <message>
        <source>Reconstructed images: reconstructed/ (images/&lt;class&gt;/&lt;index&gt;.png and manifest.csv; read with torchvision&apos;s ImageFolder, or imagefolder:DIR in index order)</source>
        <translation>重建的图片：reconstructed/（images/&lt;类别&gt;/&lt;索引&gt;.png 和 manifest.csv；用 torchvision 的 ImageFolder 读取，或用 imagefolder:DIR 按索引顺序读取）</translation>
    </message>
    <message>
        <source>Quantized storage: quantized/ (only the kept patches and their positions; dq restore rebuilds the images)</source>
        <translation>量化存储：quantized/（只有保留的图块及其位置；dq restore 可重建图片）</translation>
    </message>
    <message>
        <source>Run the Pixels stage first.</source>
        <translation>请先运行“像素”阶段。</translation>
    </message>
</context>
<context>
    <name>dqui::FreshnessBar</name>
    <message>
        <source>Being computed: the %1 stage runs now or next; this view updates when it ends.</source>
        <translation>正在计算：%1阶段正在运行或即将运行；结束后此视图会更新。</translation>
    </message>
    <message>
        <source>Not current: these figures come from the %1 stage run with other parameters. Run all (Ctrl+R) brings them up to date.</source>
        <translation>不是最新：这些数字来自用其他参数运行的%1阶段。“全部运行”（Ctrl+R）会更新它们。</translation>
    </message>
</context>
<context>
    <name>dqui::InstructionTableModel</name>
    <message>
        <source>Bin %1: bin 0 holds the records that stand for the whole data best</source>
        <translation>箱 %1：箱 0 装着最能代表全部数据的记录</translation>
    </message>
    <message>
        <source>In no bin: one of the N mod K records left over, never selected</source>
        <translation>不在任何箱中：余下的 N mod K 条记录之一，永远不会被选中</translation>
    </message>
    <message>
        <source>kept</source>
        <translation>保留</translation>
    </message>
    <message>
        <source>Instruction</source>
        <translation>指令</translation>
    </message>
    <message>
        <source>Input</source>
        <translation>输入</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>输出</translation>
    </message>
    <message>
        <source>Bin</source>
        <translation>箱</translation>
    </message>
    <message>
        <source>Selected</source>
        <translation>选中</translation>
    </message>
    <message>
        <source>What the record asks for</source>
        <translation>这条记录要求做什么</translation>
    </message>
    <message>
        <source>The context given with the instruction (often empty)</source>
        <translation>随指令给出的上下文（常为空）</translation>
    </message>
    <message>
        <source>The answer the model learns to give</source>
        <translation>模型要学会给出的回答</translation>
    </message>
    <message>
        <source>The bin of the record (Bins stage); 0 holds the most typical records</source>
        <translation>记录所在的箱（“分箱”阶段）；0 号箱装着最典型的记录</translation>
    </message>
    <message>
        <source>Whether the sample keeps the record (Sample stage)</source>
        <translation>抽样是否保留这条记录（“抽样”阶段）</translation>
    </message>
</context>
<context>
    <name>dqui::InstructionTabs</name>
    <message>
        <source>Instructions</source>
        <translation>指令</translation>
    </message>
    <message>
        <source>The records of the instruction data: search them, see their bins and which ones the sample keeps</source>
        <translation>指令数据的记录：搜索记录，查看它们所在的箱以及抽样保留了哪些</translation>
    </message>
    <message>
        <source>Not for instruction data: this view shows pictures. The records are in the Instructions view.</source>
        <translation>不适用于指令数据：此视图显示图片。记录在“指令”视图中。</translation>
    </message>
    <message>
        <source>For instruction data the embedding scatter is in the Instructions view, beside the records.</source>
        <translation>指令数据的嵌入散点图在“指令”视图中，就在记录旁边。</translation>
    </message>
    <message>
        <source>Not for instruction data: this view counts pixels. The Instructions view shows how much text the sample keeps.</source>
        <translation>不适用于指令数据：此视图按像素计算。“指令”视图显示抽样保留了多少文本。</translation>
    </message>
    <message>
        <source>Not for instruction data: text has no pixels to drop. The records are in the Instructions view.</source>
        <translation>不适用于指令数据：文本没有可丢弃的像素。记录在“指令”视图中。</translation>
    </message>
    <message>
        <source>Not for instruction data: this view trains an image classifier. The records are in the Instructions view.</source>
        <translation>不适用于指令数据：此视图训练图像分类器。记录在“指令”视图中。</translation>
    </message>
</context>
<context>
    <name>dqui::InstructionsView</name>
    <message>
        <source>&amp;Search:</source>
        <translation>搜索(&amp;S)：</translation>
    </message>
    <message>
        <source>Words in the instruction, input or output</source>
        <translation>指令、输入或输出中的词</translation>
    </message>
    <message>
        <source>Show only the records whose instruction, input or output holds this text (upper and lower case alike)</source>
        <translation>只显示指令、输入或输出中含有这段文字的记录（不区分大小写）</translation>
    </message>
    <message>
        <source>Show:</source>
        <translation>显示：</translation>
    </message>
    <message>
        <source>all records</source>
        <translation>全部记录</translation>
    </message>
    <message>
        <source>kept records</source>
        <translation>保留的记录</translation>
    </message>
    <message>
        <source>records not kept</source>
        <translation>未保留的记录</translation>
    </message>
    <message>
        <source>All records, those the sample keeps, or those it leaves out</source>
        <translation>全部记录、抽样保留的记录，或未保留的记录</translation>
    </message>
    <message>
        <source>Run the Features stage: every record then appears here as a point, and similar records lie close together.</source>
        <translation>运行“特征”阶段：之后每条记录都会在这里显示为一个点，相似的记录彼此靠近。</translation>
    </message>
    <message>
        <source>Select records to light them up in the scatter; sort by a column with a click on its header.</source>
        <translation>选中记录即可在散点图中突出显示它们；点击列标题可按该列排序。</translation>
    </message>
    <message>
        <source>Open instruction data (Alpaca-style JSON or JSON Lines) from the Dataset panel to see its records here.</source>
        <translation>从“数据集”面板打开指令数据（JSON 列表，或每行一条 JSON 记录），即可在这里看到它的记录。</translation>
    </message>
    <message>
        <source>%1 records, JSON Lines, %2</source>
        <translation>%1 条记录，每行一条 JSON，%2</translation>
    </message>
    <message>
        <source>%1 records, a JSON list, %2</source>
        <translation>%1 条记录，JSON 列表，%2</translation>
    </message>
    <message>
        <source>%1 warnings while reading</source>
        <translation>读取时有 %1 条警告</translation>
    </message>
    <message>
        <source>Embeddings: TF-IDF of words and word pairs, %1 dimensions</source>
        <translation>嵌入：词与词对的 TF-IDF，%1 维</translation>
    </message>
    <message>
        <source>Embeddings: %1, %2 dimensions</source>
        <translation>嵌入：%1，%2 维</translation>
    </message>
    <message>
        <source>(from the cache)</source>
        <translation>（来自缓存）</translation>
    </message>
    <message>
        <source>Run the Features stage to embed the records: TF-IDF, or the .npy file opened with them.</source>
        <translation>运行“特征”阶段为记录计算嵌入：TF-IDF，或随数据一起打开的 .npy 文件。</translation>
    </message>
    <message>
        <source>%1 bins of %2 records, by GraphCut on the dot product</source>
        <translation>%1 个箱，每箱 %2 条记录，按点积用 GraphCut 分箱</translation>
    </message>
    <message>
        <source>%1 left over in no bin</source>
        <translation>%1 条余下，不在任何箱中</translation>
    </message>
    <message>
        <source>Kept %1 of %2 records (%3): %4 of record text</source>
        <translation>保留了 %2 条记录中的 %1 条（%3）：记录文本共 %4</translation>
    </message>
    <message>
        <source>%1 of %2 records</source>
        <translation>%2 条记录中的 %1 条</translation>
    </message>
    <message>
        <source>%1 picked in the scatter</source>
        <translation>散点图中选了 %1 条</translation>
    </message>
</context>
<context>
    <name>dqui::JobWorker</name>
    <message>
        <source>An unexpected error stopped the job.</source>
        <translation>一个意外错误中止了任务。</translation>
    </message>
</context>
<context>
    <name>dqui::MainWindow</name>
    <message>
        <source>Exported to %1</source>
        <translation>已导出到 %1</translation>
    </message>
    <message>
        <source>About DQ Studio</source>
        <translation>关于 DQ Studio</translation>
    </message>
    <message>
        <source>&lt;b&gt;DQ Studio %1&lt;/b&gt;&lt;p&gt;Dataset Quantization (Zhou et al., ICCV 2023): keep a small part of a dataset that trains nearly as well as all of it.&lt;/p&gt;</source>
        <translation>&lt;b&gt;DQ Studio %1&lt;/b&gt;&lt;p&gt;数据集量化（Zhou 等，ICCV 2023）：只保留数据集的一小部分，训练效果几乎和全部数据一样好。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>DQ Studio</source>
        <translation>DQ Studio</translation>
    </message>
    <message>
        <source>%1 - DQ Studio</source>
        <translation>%1 - DQ Studio</translation>
    </message>
    <message>
        <source>Data and parameters</source>
        <translation>数据与参数</translation>
    </message>
    <message>
        <source>Try it</source>
        <translation>试一试</translation>
    </message>
    <message>
        <source>Stages</source>
        <translation>阶段</translation>
    </message>
    <message>
        <source>Dataset</source>
        <translation>数据集</translation>
    </message>
    <message>
        <source>Embedding</source>
        <translation>嵌入图</translation>
    </message>
    <message>
        <source>Bins</source>
        <translation>分箱</translation>
    </message>
    <message>
        <source>Samples</source>
        <translation>样本</translation>
    </message>
    <message>
        <source>Storage</source>
        <translation>存储</translation>
    </message>
    <message>
        <source>The dataset: sizes, images per class, the images</source>
        <translation>数据集：规模、每类图片数、图片本身</translation>
    </message>
    <message>
        <source>Every image as a point: similar images lie close together; colours are bins</source>
        <translation>每张图片是一个点：相似的图片彼此靠近；颜色表示箱</translation>
    </message>
    <message>
        <source>What each bin holds, class by class</source>
        <translation>每个箱里有什么，按类别显示</translation>
    </message>
    <message>
        <source>The images, filtered by bin, class and whether the sample keeps them</source>
        <translation>图片，可按箱、类别以及是否被保留筛选</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>Open &amp;dataset</source>
        <translation>打开数据集(&amp;D)</translation>
    </message>
    <message>
        <source>Recent &amp;projects</source>
        <translation>最近的项目(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation>运行(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>Fashion-MNIST</source>
        <translation>Fashion-MNIST</translation>
    </message>
    <message>
        <source>Open Fashion-MNIST, installed with DQ Studio</source>
        <translation>打开随 DQ Studio 安装的 Fashion-MNIST</translation>
    </message>
    <message>
        <source>&amp;Open project…</source>
        <translation>打开项目(&amp;O)…</translation>
    </message>
    <message>
        <source>&amp;Save project</source>
        <translation>保存项目(&amp;S)</translation>
    </message>
    <message>
        <source>Save project &amp;as…</source>
        <translation>项目另存为(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>导出(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>Features</source>
        <translation>特征</translation>
    </message>
    <message>
        <source>Sample</source>
        <translation>抽样</translation>
    </message>
    <message>
        <source>Run all</source>
        <translation>全部运行</translation>
    </message>
    <message>
        <source>Run every stage that is not up to date, in order</source>
        <translation>按顺序运行所有尚未更新的阶段</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Stop the running stage; what was done before it stays</source>
        <translation>停止正在运行的阶段；之前完成的结果会保留</translation>
    </message>
    <message>
        <source>A short guided walk through Dataset Quantization on Fashion-MNIST</source>
        <translation>在 Fashion-MNIST 上快速体验数据集量化</translation>
    </message>
    <message>
        <source>&amp;About DQ Studio</source>
        <translation>关于 DQ Studio(&amp;A)</translation>
    </message>
    <message>
        <source>The translation for %1 is missing.</source>
        <translation>缺少 %1 的翻译。</translation>
    </message>
    <message>
        <source>Wait for the running stage to end, or cancel it, before opening another dataset.</source>
        <translation>请等正在运行的阶段结束或取消它，再打开另一个数据集。</translation>
    </message>
    <message>
        <source>Wait for the running stage to end, or cancel it, before opening a project.</source>
        <translation>请等正在运行的阶段结束或取消它，再打开项目。</translation>
    </message>
    <message>
        <source>Open a dataset before saving a project.</source>
        <translation>请先打开数据集再保存项目。</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message>
        <source>Open project</source>
        <translation>打开项目</translation>
    </message>
    <message>
        <source>DQ Studio projects (*.dqproj)</source>
        <translation>DQ Studio 项目 (*.dqproj)</translation>
    </message>
    <message>
        <source>Save project</source>
        <translation>保存项目</translation>
    </message>
    <message>
        <source>%1: done</source>
        <translation>%1：完成</translation>
    </message>
    <message>
        <source>%1 failed</source>
        <translation>%1 失败</translation>
    </message>
    <message>
        <source>%1 failed: %2</source>
        <translation>%1 失败：%2</translation>
    </message>
    <message>
        <source>%1 cancelled</source>
        <translation>%1 已取消</translation>
    </message>
    <message>
        <source>%1 was cancelled; the results before it are kept.</source>
        <translation>%1 已取消；之前的结果会保留。</translation>
    </message>
    <message>
        <source>Run the stages first (Run all): there is nothing to export yet.</source>
        <translation>请先运行各阶段（全部运行）：目前还没有可导出的内容。</translation>
    </message>
    <message>
        <source>Embedding (PCA of the features, coloured by bin)</source>
        <translation>嵌入图（特征的主成分分析，按箱着色）</translation>
    </message>
    <message>
        <source>Class counts and greedy objective per bin</source>
        <translation>每个箱的类别数量和贪心目标值</translation>
    </message>
    <message>
        <source>Images per class, in the dataset and kept</source>
        <translation>每个类别的图片数：数据集中与保留的</translation>
    </message>
    <message>
        <source>Storage: original and kept</source>
        <translation>存储：原始与保留</translation>
    </message>
    <message>
        <source>&amp;Instruction data (JSON)…</source>
        <translation>指令数据（JSON）(&amp;I)…</translation>
    </message>
    <message>
        <source>Open instruction records (a JSON list or JSON Lines) and, optionally, their embeddings</source>
        <translation>打开指令记录（JSON 列表或每行一条 JSON 记录），也可同时打开它们的嵌入向量</translation>
    </message>
    <message>
        <source>Pixels</source>
        <translation>像素</translation>
    </message>
    <message>
        <source>One image at a time: where the network looks, the patches kept and the image painted back</source>
        <translation>一次一张图片：网络看哪里、保留哪些图块、画回来的图片</translation>
    </message>
    <message>
        <source>How much data the sample and the kept patches take</source>
        <translation>抽样和保留的图块占用多少数据</translation>
    </message>
    <message>
        <source>Write the kept indices, the bins, the reconstructed images and a report</source>
        <translation>写出保留的索引、分箱、重建的图片和一份报告</translation>
    </message>
    <message>
        <source>Run the Pixels stage with these parameters first.</source>
        <translation>请先用这些参数运行“像素”阶段。</translation>
    </message>
    <message>
        <source>One image through pixel quantization: original, heatmap, kept patches, reconstruction</source>
        <translation>一张图片的像素量化过程：原图、热力图、保留的图块、重建</translation>
    </message>
    <message>
        <source>Pixels preview</source>
        <translation>像素预览</translation>
    </message>
    <message>
        <source>Reopened %1 with the parameters of the last session.</source>
        <translation>已重新打开 %1，并恢复上次的参数。</translation>
    </message>
    <message>
        <source>Save the project?</source>
        <translation>保存项目吗？</translation>
    </message>
    <message>
        <source>Save this dataset and its parameters as a project before quitting? The next start reopens them either way.</source>
        <translation>退出前把这个数据集及其参数保存为项目吗？无论是否保存，下次启动都会重新打开它们。</translation>
    </message>
    <message>
        <source>Storage: original, kept and stored after patch dropping</source>
        <translation>存储：原始、保留以及丢弃图块后的存储</translation>
    </message>
    <message>
        <source>Evaluate</source>
        <translation>评估</translation>
    </message>
    <message>
        <source>Test accuracy per epoch (mean and spread over seeds)</source>
        <translation>每轮的测试准确率（种子间的均值与波动）</translation>
    </message>
    <message>
        <source>Final test accuracy against keep ratio</source>
        <translation>最终测试准确率与保留比例</translation>
    </message>
    <message>
        <source>Quality against bytes per image: DQ, JPEG and WebP</source>
        <translation>质量与每张图片字节数：DQ、JPEG 和 WebP</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>比较</translation>
    </message>
    <message>
        <source>DQ against the field&apos;s selection methods: test accuracy against keep ratio</source>
        <translation>DQ 与其他数据选择方法的比较：测试准确率与保留比例</translation>
    </message>
    <message>
        <source>DQ against the field: final test accuracy against keep ratio</source>
        <translation>DQ 与其他选择方法的比较：最终测试准确率与保留比例</translation>
    </message>
</context>
<context>
    <name>dqui::MessageBar</name>
    <message>
        <source>Close this message</source>
        <translation>关闭此消息</translation>
    </message>
</context>
<context>
    <name>dqui::NoteText</name>
    <message>
        <source>The cached bins in %1 could not be read; they are computed again.</source>
        <translation>缓存中的分箱 %1 无法读取，将重新计算。</translation>
    </message>
    <message>
        <source>The cached MAE %1 could not be used; the compact MAE is trained again.</source>
        <translation>缓存的 MAE %1 无法使用；将重新训练紧凑 MAE。</translation>
    </message>
    <message>
        <source>No graphics card is usable (device %1): the Pixels stage runs on the CPU.</source>
        <translation>没有可用的显卡（设备 %1）：像素阶段在 CPU 上运行。</translation>
    </message>
    <message>
        <source>No graphics card is usable (device %1): the evaluation trains on the CPU.</source>
        <translation>没有可用的显卡（设备 %1）：评估在 CPU 上训练。</translation>
    </message>
    <message>
        <source>The cached features in %1 could not be used; they are computed again.</source>
        <translation>%1 中缓存的特征无法使用，将重新计算。</translation>
    </message>
    <message>
        <source>Device %1: no graphics card (CUDA) can be used, so the network runs on the processor.</source>
        <translation>设备 %1：没有可用的显卡（CUDA），网络改在处理器上运行。</translation>
    </message>
</context>
<context>
    <name>dqui::ParametersPanel</name>
    <message>
        <source>TorchScript modules (*.pt *.pth *.ts)</source>
        <translation>TorchScript 模块 (*.pt *.pth *.ts)</translation>
    </message>
    <message>
        <source>PyTorch weights (*.pth *.pt)</source>
        <translation>PyTorch 权重 (*.pth *.pt)</translation>
    </message>
    <message>
        <source>Features</source>
        <translation>特征</translation>
    </message>
    <message>
        <source>Bins</source>
        <translation>分箱</translation>
    </message>
    <message>
        <source>Sample</source>
        <translation>抽样</translation>
    </message>
    <message>
        <source>Feature model</source>
        <translation>特征模型</translation>
    </message>
    <message>
        <source>How each image is turned into numbers before images are compared. Raw pixels are instant; a small network (ConvNet) compares images by what they show and takes a few minutes on a laptop.</source>
        <translation>比较图片之前，先把每张图片变成一串数字。原始像素瞬间完成；小型网络（ConvNet）按图片的内容来比较，在笔记本电脑上需要几分钟。</translation>
    </message>
    <message>
        <source>raw pixels (fast)</source>
        <translation>原始像素（快）</translation>
    </message>
    <message>
        <source>ConvNet-3</source>
        <translation>ConvNet-3</translation>
    </message>
    <message>
        <source>ResNet-18 (CIFAR form)</source>
        <translation>ResNet-18（CIFAR 结构）</translation>
    </message>
    <message>
        <source>ResNet-18 (ImageNet form)</source>
        <translation>ResNet-18（ImageNet 结构）</translation>
    </message>
    <message>
        <source>your TorchScript model…</source>
        <translation>你的 TorchScript 模型…</translation>
    </message>
    <message>
        <source>Model file</source>
        <translation>模型文件</translation>
    </message>
    <message>
        <source>A TorchScript module saved with torch.jit.save (see the README).</source>
        <translation>用 torch.jit.save 保存的 TorchScript 模块（见 README）。</translation>
    </message>
    <message>
        <source>Weights</source>
        <translation>权重</translation>
    </message>
    <message>
        <source>Optional trained weights for the network (a PyTorch .pth file). Without them the network starts from seeded random weights, as the reference does.</source>
        <translation>可选的网络训练权重（PyTorch .pth 文件）。没有权重时，网络从按种子生成的随机权重开始，与参考实现相同。</translation>
    </message>
    <message>
        <source>Training epochs</source>
        <translation>训练轮数</translation>
    </message>
    <message>
        <source>Train the network on the data this many times before describing the images (0: do not train).</source>
        <translation>在描述图片之前，用数据训练网络这么多轮（0：不训练）。</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>设备</translation>
    </message>
    <message>
        <source>auto</source>
        <translation>自动</translation>
    </message>
    <message>
        <source>processor (CPU)</source>
        <translation>处理器 (CPU)</translation>
    </message>
    <message>
        <source>graphics card (CUDA)</source>
        <translation>显卡 (CUDA)</translation>
    </message>
    <message>
        <source>Use the first</source>
        <translation>只用前</translation>
    </message>
    <message>
        <source>Work on the first N images only, for a quick try (0: all images).</source>
        <translation>只处理前 N 张图片，用于快速尝试（0：全部图片）。</translation>
    </message>
    <message>
        <source>all images</source>
        <translation>全部图片</translation>
    </message>
    <message>
        <source> images</source>
        <translation> 张图片</translation>
    </message>
    <message>
        <source>Bins (K)</source>
        <translation>箱数 (K)</translation>
    </message>
    <message>
        <source>How many groups the data is split into. Each bin is chosen to cover the data well and to differ from the bins before it; the paper uses 10.</source>
        <translation>把数据分成多少组。每个箱都被选得能很好地覆盖数据，并与之前的箱不同；论文中用 10。</translation>
    </message>
    <message>
        <source>Selection rule</source>
        <translation>选择规则</translation>
    </message>
    <message>
        <source>What makes a bin good. GraphCut (the paper&apos;s) balances covering the data and variety; facility location favours coverage; log-determinant favours variety.</source>
        <translation>什么样的箱才算好。GraphCut（论文所用）兼顾覆盖数据与多样性；设施选址偏重覆盖；对数行列式偏重多样性。</translation>
    </message>
    <message>
        <source>GraphCut</source>
        <translation>GraphCut</translation>
    </message>
    <message>
        <source>facility location</source>
        <translation>设施选址</translation>
    </message>
    <message>
        <source>log-determinant</source>
        <translation>对数行列式</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>搜索方式</translation>
    </message>
    <message>
        <source>How the bins are searched for. Lazy gives exactly the same bins as the plain search, much faster; stochastic and approximate are faster still but may pick differently.</source>
        <translation>如何搜索箱。惰性搜索得到与朴素搜索完全相同的箱，但快得多；随机和近似搜索更快，但挑选结果可能不同。</translation>
    </message>
    <message>
        <source>lazy (exact, fast)</source>
        <translation>惰性（精确，快）</translation>
    </message>
    <message>
        <source>naive (exact, slow)</source>
        <translation>朴素（精确，慢）</translation>
    </message>
    <message>
        <source>stochastic</source>
        <translation>随机</translation>
    </message>
    <message>
        <source>approximate lazy</source>
        <translation>近似惰性</translation>
    </message>
    <message>
        <source>Keep ratio</source>
        <translation>保留比例</translation>
    </message>
    <message>
        <source>The share of every bin (and every class in it) that is kept: 0.125 keeps one image in eight.</source>
        <translation>每个箱（及其中每个类别）保留的比例：0.125 表示每八张保留一张。</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <source>Any whole number. The same seed gives the same result every time; another seed gives another, equally good, draw.</source>
        <translation>任意整数。相同的种子每次给出相同的结果；换一个种子会得到另一个同样好的抽样。</translation>
    </message>
    <message>
        <source>Open a dataset to see how much the sample keeps.</source>
        <translation>打开数据集后可以看到抽样保留多少。</translation>
    </message>
    <message>
        <source>images</source>
        <translation>张图片</translation>
    </message>
    <message>
        <source>samples</source>
        <translation>个样本</translation>
    </message>
    <message>
        <source>Keeps %1 of the data = %2 %3, %4 instead of %5</source>
        <translation>保留数据的 %1 = %2 %3，%4，而不是 %5</translation>
    </message>
    <message>
        <source>(about: the exact count comes from the Sample stage)</source>
        <translation>（约数：准确数量由“抽样”阶段给出）</translation>
    </message>
    <message>
        <source>Where the networks run (the feature model&apos;s, and the Pixels stage&apos;s heatmap network and MAE): auto uses a graphics card when there is one, else the processor.</source>
        <translation>网络在哪里运行（特征模型的网络，以及“像素”阶段的热力图网络和 MAE）：自动表示有显卡时用显卡，否则用处理器。</translation>
    </message>
    <message>
        <source>No weights file and 0 training epochs: ResNet-18 would describe the images with random weights. Choose a weights file, or train it for 1 or 2 epochs (on a processor, about 15 minutes per epoch on Fashion-MNIST; Use the first N images makes it shorter).</source>
        <translation>没有权重文件且训练轮数为 0：ResNet-18 将用随机权重描述图片。请选择一个权重文件，或训练 1 到 2 轮（在处理器上，Fashion-MNIST 每轮约 15 分钟；“只用前 N 张”可缩短时间）。</translation>
    </message>
    <message>
        <source>No weights file and 0 training epochs: the network would describe the images with random weights. Choose a weights file, or train it for 1 or 2 epochs (about 2 minutes per epoch on Fashion-MNIST on a processor).</source>
        <translation>没有权重文件且训练轮数为 0：网络将用随机权重描述图片。请选择一个权重文件，或训练 1 到 2 轮（在处理器上，Fashion-MNIST 每轮约 2 分钟）。</translation>
    </message>
    <message>
        <source>Final keep ratio %1 × %2 (%3 of %4 patches) = %5 of the pixels.</source>
        <translation>最终保留比例 %1 × %2（%4 个图块中保留 %3 个）= 像素的 %5。</translation>
    </message>
    <message>
        <source>Patch dropping stores the %1 kept images in %2: %3 of their best lossless size (%4 as %5).</source>
        <translation>丢弃图块后，%1 张保留图片存储为 %2：为其最佳无损大小的 %3（%5 格式为 %4）。</translation>
    </message>
    <message>
        <source>What patch dropping saves, against the kept images stored losslessly, comes from the Pixels stage.</source>
        <translation>丢弃图块相对保留图片无损存储节省了多少，由“像素”阶段给出。</translation>
    </message>
</context>
<context>
    <name>dqui::Pipeline</name>
    <message>
        <source>Open a dataset first.</source>
        <translation>请先打开数据集。</translation>
    </message>
    <message>
        <source>The parameters changed since the Sample stage: run it again, then export.</source>
        <translation>“抽样”阶段之后参数已改变：请重新运行该阶段，然后再导出。</translation>
    </message>
</context>
<context>
    <name>dqui::PixelParametersGroup</name>
    <message>
        <source>MAE checkpoint</source>
        <translation>MAE 检查点</translation>
    </message>
    <message>
        <source>MAE checkpoints (*.pth *.pt)</source>
        <translation>MAE 检查点 (*.pth *.pt)</translation>
    </message>
    <message>
        <source>Pixels</source>
        <translation>像素</translation>
    </message>
    <message>
        <source>The share of every kept image&apos;s patches that is dropped and painted back by a model: 0.2 drops one patch in five, the least telling ones (the paper&apos;s setting).</source>
        <translation>每张保留图片中被丢弃、再由模型画回来的图块比例：0.2 表示丢弃五分之一、最没用的图块（论文的设置）。</translation>
    </message>
    <message>
        <source>Mask ratio</source>
        <translation>掩码比例</translation>
    </message>
    <message>
        <source>Patch importance</source>
        <translation>图块重要性</translation>
    </message>
    <message>
        <source>How the patches worth keeping are found. GradCAM++ (the paper&apos;s) and GradCAM ask the classifier of the Features stage which parts of the image made it decide (raw pixels: a small network trained for one epoch); random keeps patches by chance, for comparison.</source>
        <translation>如何找出值得保留的图块。GradCAM++（论文所用）和 GradCAM 询问“特征”阶段的分类网络：图片的哪些部分让它做出判断（使用原始像素时：一个训练一轮的小网络）；随机方式凭运气保留图块，用于对比。</translation>
    </message>
    <message>
        <source>GradCAM++ (the paper&apos;s)</source>
        <translation>GradCAM++（论文所用）</translation>
    </message>
    <message>
        <source>GradCAM</source>
        <translation>GradCAM</translation>
    </message>
    <message>
        <source>random patches (for comparison)</source>
        <translation>随机图块（用于对比）</translation>
    </message>
    <message>
        <source>Explain</source>
        <translation>解释对象</translation>
    </message>
    <message>
        <source>Which class the importance is measured for: the class the network predicts (the paper&apos;s), or the image&apos;s true label.</source>
        <translation>针对哪个类别衡量重要性：网络预测的类别（论文的做法），或图片的真实标签。</translation>
    </message>
    <message>
        <source>the predicted class</source>
        <translation>预测的类别</translation>
    </message>
    <message>
        <source>the true label</source>
        <translation>真实标签</translation>
    </message>
    <message>
        <source>Reconstruction</source>
        <translation>重建</translation>
    </message>
    <message>
        <source>How the dropped patches are painted back. The compact MAE is a small masked autoencoder trained here on the data (a few minutes the first time, then cached); an MAE checkpoint file (such as the paper&apos;s ViT-L) needs no training; inpainting fills the gaps from their borders, instantly and without a model.</source>
        <translation>如何把丢掉的图块画回来。紧凑 MAE 是在这里用数据训练的小型掩码自编码器（第一次需要几分钟，之后使用缓存）；MAE 检查点文件（例如论文的 ViT-L）无需训练；图像修复从缺口的边缘填补，立即完成，不需要模型。</translation>
    </message>
    <message>
        <source>compact MAE (trained here)</source>
        <translation>紧凑 MAE（在此训练）</translation>
    </message>
    <message>
        <source>MAE checkpoint file…</source>
        <translation>MAE 检查点文件…</translation>
    </message>
    <message>
        <source>inpainting (Telea)</source>
        <translation>图像修复（Telea）</translation>
    </message>
    <message>
        <source>inpainting (Navier-Stokes)</source>
        <translation>图像修复（Navier-Stokes）</translation>
    </message>
    <message>
        <source>Checkpoint</source>
        <translation>检查点</translation>
    </message>
    <message>
        <source>An MAE checkpoint (.pth): the official mae_visualize_vit_large_ganloss.pth or one written by dq mae-train.</source>
        <translation>MAE 检查点（.pth）：官方的 mae_visualize_vit_large_ganloss.pth，或由 dq mae-train 写出的文件。</translation>
    </message>
    <message>
        <source>Choose the checkpoint file</source>
        <translation>选择检查点文件</translation>
    </message>
</context>
<context>
    <name>dqui::PixelView</name>
    <message>
        <source>Cancelled. Run the Pixels stage, or open this view again, to prepare the preview.</source>
        <translation>已取消。运行“像素”阶段，或重新打开此视图，以准备预览。</translation>
    </message>
    <message>
        <source>The preview could not be prepared: %1</source>
        <translation>无法准备预览：%1</translation>
    </message>
    <message>
        <source>The preview failed: %1</source>
        <translation>预览失败：%1</translation>
    </message>
    <message>
        <source>The previous kept image</source>
        <translation>上一张保留的图片</translation>
    </message>
    <message>
        <source>The next kept image</source>
        <translation>下一张保留的图片</translation>
    </message>
    <message>
        <source>The image shown (its index in the dataset); a click in the scatter or the grid shows that image here</source>
        <translation>显示的图片（它在数据集中的索引）；在散点图或网格中点击一张图片，它会显示在这里</translation>
    </message>
    <message>
        <source>Mask ratio</source>
        <translation>掩码比例</translation>
    </message>
    <message>
        <source>The share of patches dropped from this image: the preview follows the slider at once. The Pixels stage uses the ratio in the parameters panel.</source>
        <translation>这张图片中被丢弃的图块比例：预览随滑块立即更新。“像素”阶段使用参数面板中的比例。</translation>
    </message>
    <message>
        <source>Use for all images</source>
        <translation>用于所有图片</translation>
    </message>
    <message>
        <source>Set this mask ratio in the parameters panel, for the Pixels stage</source>
        <translation>把这个掩码比例填入参数面板，供“像素”阶段使用</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>&lt;b&gt;Original&lt;/b&gt;</source>
        <translation>&lt;b&gt;原图&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;Where the model looks&lt;/b&gt;</source>
        <translation>&lt;b&gt;模型看哪里&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;Kept patches&lt;/b&gt;</source>
        <translation>&lt;b&gt;保留的图块&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;Painted back&lt;/b&gt;</source>
        <translation>&lt;b&gt;画回来的图片&lt;/b&gt;</translation>
    </message>
    <message>
        <source>importance</source>
        <translation>重要性</translation>
    </message>
    <message>
        <source>Heatmap colours: blue (0) the network ignored, red (1) it looked at most</source>
        <translation>热力图颜色：蓝色（0）是网络忽略的地方，红色（1）是它看得最多的地方</translation>
    </message>
    <message>
        <source>keeps %1 of %2 patches</source>
        <translation>%2 个图块中保留 %1 个</translation>
    </message>
    <message>
        <source>Inpainting (Navier-Stokes)</source>
        <translation>图像修复（Navier-Stokes）</translation>
    </message>
    <message>
        <source>Inpainting (Telea)</source>
        <translation>图像修复（Telea）</translation>
    </message>
    <message>
        <source>Compact MAE</source>
        <translation>紧凑 MAE</translation>
    </message>
    <message>
        <source>MAE checkpoint</source>
        <translation>MAE 检查点</translation>
    </message>
    <message>
        <source>unlabelled</source>
        <translation>无标签</translation>
    </message>
    <message>
        <source>Class: %1</source>
        <translation>类别：%1</translation>
    </message>
    <message>
        <source>Random scores: no heatmap; patches are kept by chance.</source>
        <translation>随机评分：没有热力图；图块凭运气保留。</translation>
    </message>
    <message>
        <source>GradCAM</source>
        <translation>GradCAM</translation>
    </message>
    <message>
        <source>GradCAM++</source>
        <translation>GradCAM++</translation>
    </message>
    <message>
        <source>%1 for the true label. The network predicts: %2</source>
        <translation>%1 针对真实标签。网络的预测：%2</translation>
    </message>
    <message>
        <source>%1 for what the network predicts: %2</source>
        <translation>%1 针对网络的预测：%2</translation>
    </message>
    <message>
        <source>%1 of %2 patches kept (%3); hatched: dropped</source>
        <translation>%2 个图块中保留 %1 个（%3）；斜线：已丢弃</translation>
    </message>
    <message>
        <source>%1: PSNR %2 dB, SSIM %3</source>
        <translation>%1：PSNR %2 dB，SSIM %3</translation>
    </message>
    <message>
        <source>Mask ratio %1: computed in %2 ms on a worker thread.</source>
        <translation>掩码比例 %1：在后台线程中用时 %2 毫秒算出。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Pixels&lt;/b&gt;</source>
        <translation>&lt;b&gt;像素&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;Image %1&lt;/b&gt; of %2</source>
        <translation>&lt;b&gt;图片 %1&lt;/b&gt;，共 %2 张</translation>
    </message>
    <message>
        <source>bin %1</source>
        <translation>箱 %1</translation>
    </message>
    <message>
        <source>kept by the sample</source>
        <translation>被抽样保留</translation>
    </message>
    <message>
        <source>not kept by the sample</source>
        <translation>未被抽样保留</translation>
    </message>
    <message>
        <source>Open a dataset of images: this view shows how one image loses its least telling patches and how a model paints them back.</source>
        <translation>打开一个图片数据集：此视图展示一张图片如何丢掉最没用的图块，以及模型如何把它们画回来。</translation>
    </message>
    <message>
        <source>Preparing the preview: the network behind the heatmap and the reconstruction model are trained or loaded (a few minutes the first time, then they are cached).</source>
        <translation>正在准备预览：正在训练或加载热力图背后的网络和重建模型（第一次需要几分钟，之后使用缓存）。</translation>
    </message>
    <message>
        <source>The preview starts when the running stage has finished.</source>
        <translation>正在运行的阶段结束后开始预览。</translation>
    </message>
    <message>
        <source>Run the Pixels stage, or keep this view open, to prepare the preview.</source>
        <translation>运行“像素”阶段，或保持此视图打开，以准备预览。</translation>
    </message>
    <message>
        <source>Move the slider: the hatched patches are dropped, and the model paints them back from the kept ones. A click on an image in the scatter or the grid shows it here.</source>
        <translation>拖动滑块：带斜线的图块被丢弃，模型根据保留的图块把它们画回来。在散点图或网格中点击一张图片，它会显示在这里。</translation>
    </message>
    <message>
        <source>Training the network behind the heatmap…</source>
        <translation>正在训练热力图背后的网络…</translation>
    </message>
    <message>
        <source>Training the compact MAE…</source>
        <translation>正在训练紧凑 MAE…</translation>
    </message>
    <message>
        <source>Loading the models…</source>
        <translation>正在加载模型…</translation>
    </message>
</context>
<context>
    <name>dqui::SampleDialog</name>
    <message>
        <source>Image %1</source>
        <translation>图片 %1</translation>
    </message>
    <message>
        <source>This dataset holds features, not images.</source>
        <translation>该数据集保存的是特征，不是图片。</translation>
    </message>
    <message>
        <source>Index in the dataset: %1</source>
        <translation>在数据集中的索引：%1</translation>
    </message>
    <message>
        <source>Class: %1</source>
        <translation>类别：%1</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Bin: %1 of %2 (bin 0 holds the most typical images)</source>
        <translation>箱：%1 / %2（箱 0 装最典型的图片）</translation>
    </message>
    <message>
        <source>Kept in the sample</source>
        <translation>被抽样保留</translation>
    </message>
    <message>
        <source>Not kept in the sample</source>
        <translation>未被抽样保留</translation>
    </message>
</context>
<context>
    <name>dqui::SampleGridView</name>
    <message>
        <source>Show:</source>
        <translation>显示：</translation>
    </message>
    <message>
        <source>Bin:</source>
        <translation>箱：</translation>
    </message>
    <message>
        <source>Class:</source>
        <translation>类别：</translation>
    </message>
    <message>
        <source>all images</source>
        <translation>全部图片</translation>
    </message>
    <message>
        <source>kept images</source>
        <translation>保留的图片</translation>
    </message>
    <message>
        <source>images not kept</source>
        <translation>未保留的图片</translation>
    </message>
    <message>
        <source>the scatter&apos;s selection</source>
        <translation>散点图中的选择</translation>
    </message>
    <message>
        <source>Only the images of one bin</source>
        <translation>只显示某个箱的图片</translation>
    </message>
    <message>
        <source>Only the images of one class</source>
        <translation>只显示某个类别的图片</translation>
    </message>
    <message>
        <source>all</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>bin %1</source>
        <translation>箱 %1</translation>
    </message>
    <message>
        <source>%1 of %2 images</source>
        <translation>%2 张中的 %1 张</translation>
    </message>
    <message>
        <source>Which images the grid shows: all, those the sample keeps, those it drops, those you selected in the scatter, or those a compared method keeps (chosen in the Compare view)</source>
        <translation>网格显示哪些图片：全部、抽样保留的、抽样丢弃的、你在散点图中选中的，或某种比较方法保留的（在“比较”视图中选择）</translation>
    </message>
    <message>
        <source>a compared method</source>
        <translation>某种比较方法</translation>
    </message>
    <message>
        <source>kept by %1</source>
        <translation>%1 保留的</translation>
    </message>
    <message>
        <source>kept by %1, not by DQ</source>
        <translation>%1 保留而 DQ 未保留的</translation>
    </message>
</context>
<context>
    <name>dqui::ScatterView</name>
    <message>
        <source>Pan</source>
        <translation>平移</translation>
    </message>
    <message>
        <source>Drag to move the picture; the mouse wheel zooms.</source>
        <translation>拖动以移动画面；鼠标滚轮缩放。</translation>
    </message>
    <message>
        <source>Rectangle</source>
        <translation>矩形</translation>
    </message>
    <message>
        <source>Drag a rectangle to select the points in it; hold Shift to add to the selection.</source>
        <translation>拖出一个矩形以选中其中的点；按住 Shift 可追加选择。</translation>
    </message>
    <message>
        <source>Lasso</source>
        <translation>套索</translation>
    </message>
    <message>
        <source>Draw around points to select them; hold Shift to add to the selection.</source>
        <translation>围着点画一圈以选中它们；按住 Shift 可追加选择。</translation>
    </message>
    <message>
        <source>Clear selection</source>
        <translation>清除选择</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>适应窗口</translation>
    </message>
    <message>
        <source>Show all points</source>
        <translation>显示所有点</translation>
    </message>
    <message>
        <source>Classes</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Show or hide the points of each class</source>
        <translation>显示或隐藏每个类别的点</translation>
    </message>
    <message>
        <source>Colour by:</source>
        <translation>着色依据：</translation>
    </message>
    <message>
        <source>bin</source>
        <translation>箱</translation>
    </message>
    <message>
        <source>class</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Colour the points by the bin they fell into, or by their class</source>
        <translation>按点所在的箱或按其类别着色</translation>
    </message>
    <message>
        <source>bin %1</source>
        <translation>箱 %1</translation>
    </message>
    <message>
        <source>Show all classes</source>
        <translation>显示所有类别</translation>
    </message>
    <message>
        <source>%1 points</source>
        <translation>%1 个点</translation>
    </message>
    <message>
        <source>%1 selected</source>
        <translation>已选 %1 个</translation>
    </message>
    <message>
        <source>The picture is a PCA of the features (computed in core): its two axes hold these shares of the variance.</source>
        <translation>此图是特征的主成分分析（在核心库中计算）：两个轴分别占方差的这些比例。</translation>
    </message>
    <message>
        <source>PCA %1 + %2</source>
        <translation>主成分 %1 + %2</translation>
    </message>
    <message>
        <source>Once the Features stage has run, every image appears here as a point, and similar images lie close together.</source>
        <translation>“特征”阶段运行后，每张图片在这里显示为一个点，相似的图片彼此靠近。</translation>
    </message>
    <message>
        <source>PCA axis 1 (%1 of the variance)</source>
        <translation>主成分轴 1（占方差的 %1）</translation>
    </message>
    <message>
        <source>PCA axis 2 (%1 of the variance)</source>
        <translation>主成分轴 2（占方差的 %1）</translation>
    </message>
    <message>
        <source>outlined: %1 kept by %2</source>
        <translation>勾出：%2 保留的 %1 张</translation>
    </message>
    <message>
        <source>outlined: %1 kept by %2, %3 of them also by DQ</source>
        <translation>勾出：%2 保留的 %1 张，其中 %3 张 DQ 也保留了</translation>
    </message>
</context>
<context>
    <name>dqui::StagePanel</name>
    <message>
        <source>Stages</source>
        <translation>阶段</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>Run all</source>
        <translation>全部运行</translation>
    </message>
    <message>
        <source>Run every stage that is not up to date, in order</source>
        <translation>按顺序运行所有尚未更新的阶段</translation>
    </message>
    <message>
        <source>not run</source>
        <translation>未运行</translation>
    </message>
    <message>
        <source>up to date</source>
        <translation>已是最新</translation>
    </message>
    <message>
        <source>parameters changed</source>
        <translation>参数已更改</translation>
    </message>
    <message>
        <source>running…</source>
        <translation>运行中…</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>not for this data</source>
        <translation>不适用于此数据</translation>
    </message>
</context>
<context>
    <name>dqui::StatusPanel</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>about %1 left</source>
        <translation>约剩 %1</translation>
    </message>
    <message>
        <source>%1/s</source>
        <translation>%1/秒</translation>
    </message>
    <message>
        <source>computing features</source>
        <translation>计算特征</translation>
    </message>
    <message>
        <source>reading pixels</source>
        <translation>读取像素</translation>
    </message>
    <message>
        <source>training the network</source>
        <translation>训练网络</translation>
    </message>
    <message>
        <source>choosing the bins</source>
        <translation>选择分箱</translation>
    </message>
    <message>
        <source>projecting to 2-D</source>
        <translation>投影到二维</translation>
    </message>
    <message>
        <source>reading</source>
        <translation>读取</translation>
    </message>
    <message>
        <source>bin %1 of %2</source>
        <translation>第 %1 / %2 箱</translation>
    </message>
    <message>
        <source>training the reconstruction model</source>
        <translation>正在训练重建模型</translation>
    </message>
    <message>
        <source>dropping and painting back patches</source>
        <translation>正在丢弃并画回图块</translation>
    </message>
</context>
<context>
    <name>dqui::StorageView</name>
    <message>
        <source>&lt;b&gt;The kept images stored losslessly:&lt;/b&gt; %1 as PNG, %2 as lossless WebP (one file each)</source>
        <translation>&lt;b&gt;保留图像的无损存储：&lt;/b&gt;PNG 为 %1，无损 WebP 为 %2（每张图像一个文件）</translation>
    </message>
    <message>
        <source>&lt;b&gt;Stored after patch dropping:&lt;/b&gt; %1, compressed (%2 of %3 patches of every kept image, with their positions)</source>
        <translation>&lt;b&gt;丢弃图块后的存储：&lt;/b&gt;%1，已压缩（每张保留图像 %3 个图块中的 %2 个，连同其位置）</translation>
    </message>
    <message>
        <source>Two separate savings: sampling keeps %1 of the data&apos;s raw bytes; patch dropping stores the kept images in %2 of their best lossless size (%3).</source>
        <translation>两项独立的节省：采样保留数据原始字节的 %1；丢弃图块后，保留图像的存储量为其最佳无损大小（%3）的 %2。</translation>
    </message>
    <message>
        <source>kept as PNG</source>
        <translation>保留（PNG）</translation>
    </message>
    <message>
        <source>kept, best lossless</source>
        <translation>保留（最佳无损）</translation>
    </message>
    <message>
        <source>stored by DQ</source>
        <translation>DQ 存储</translation>
    </message>
    <message>
        <source>Open a dataset to see its size.</source>
        <translation>打开数据集后可以看到它的大小。</translation>
    </message>
    <message>
        <source>as raw 8-bit pixels</source>
        <translation>按 8 位原始像素计</translation>
    </message>
    <message>
        <source>as float32 feature rows</source>
        <translation>按 float32 特征行计</translation>
    </message>
    <message>
        <source>&lt;b&gt;Original:&lt;/b&gt; %1 images, %2 (%3)</source>
        <translation>&lt;b&gt;原始：&lt;/b&gt;%1 张图片，%2（%3）</translation>
    </message>
    <message>
        <source>&lt;b&gt;Kept:&lt;/b&gt; %1 images, %2: %3 of the data</source>
        <translation>&lt;b&gt;保留：&lt;/b&gt;%1 张图片，%2：占数据的 %3</translation>
    </message>
    <message>
        <source>Saved: %1</source>
        <translation>节省：%1</translation>
    </message>
    <message>
        <source>Run the Sample stage to see what is kept.</source>
        <translation>运行“抽样”阶段，查看保留了什么。</translation>
    </message>
    <message>
        <source>original</source>
        <translation>原始</translation>
    </message>
    <message>
        <source>kept</source>
        <translation>保留</translation>
    </message>
    <message>
        <source>MB</source>
        <translation>MB</translation>
    </message>
    <message>
        <source>Run the Pixels stage to see what storing only the kept patches saves.</source>
        <translation>运行“像素”阶段，看看只存储保留的图块能省下多少。</translation>
    </message>
</context>
<context>
    <name>dqui::ThumbnailModel</name>
    <message>
        <source>Image %1</source>
        <translation>图片 %1</translation>
    </message>
    <message>
        <source>Class: %1</source>
        <translation>类别：%1</translation>
    </message>
    <message>
        <source>Bin: %1</source>
        <translation>箱：%1</translation>
    </message>
    <message>
        <source>Kept in the sample</source>
        <translation>被抽样保留</translation>
    </message>
    <message>
        <source>Not kept</source>
        <translation>未保留</translation>
    </message>
</context>
<context>
    <name>dqui::TourPanel</name>
    <message>
        <source>Back</source>
        <translation>上一步</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>下一步</translation>
    </message>
    <message>
        <source>Step %1 of %2</source>
        <translation>第 %1 步，共 %2 步</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>End the tour</source>
        <translation>结束导览</translation>
    </message>
</context>
</TS>
